namespace DataEngine.Local.Emulators;

/// <summary>The last lines a process wrote, kept to explain a failure.</summary>
sealed class OutputTail(int capacity)
{
    readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
                _lines.Dequeue();
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_lines)
            return [.. _lines];
    }

    public override string ToString() => string.Join('\n', Lines());
}
