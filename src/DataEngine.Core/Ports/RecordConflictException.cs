namespace DataEngine.Core.Ports;

/// <summary>A conditional record write lost: the record exists already, or changed since it was read. Nothing was written.</summary>
public sealed class RecordConflictException(string record, string reason, Exception? inner = null)
    : Exception($"Record '{record}' was not written: {reason}.", inner)
{
    public string Record { get; } = record;
}
