namespace DataEngine.Local.Emulators;

/// <summary>The emulators could not be installed, started or stopped; the message says why and what to do.</summary>
public sealed class EmulatorException : Exception
{
    public EmulatorException(string message) : base(message) { }

    public EmulatorException(string message, Exception inner) : base(message, inner) { }
}
