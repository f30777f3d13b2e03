using System.Buffers;
using System.Text;

namespace DataEngine.Core.Readers;

/// <summary>
/// Builds text from markup a piece at a time, collapsing whitespace as it goes: runs of spaces become one space,
/// line and paragraph breaks are kept (at most one blank line), and nothing leads or trails.
/// </summary>
internal ref struct TextBuilder
{
    private char[] _buffer;
    private int _length;
    private bool _pendingSpace;
    private int _pendingBreaks;

    public TextBuilder(int capacity) => _buffer = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 64));

    /// <summary>Separates what follows from what came before by at least a space (HTML whitespace).</summary>
    public void Space() => _pendingSpace = true;

    /// <summary>Ends the current line (1) or paragraph (2), unless a larger break is already pending.</summary>
    public void Break(int lines) => _pendingBreaks = Math.Max(_pendingBreaks, lines);

    /// <summary>A forced line break (&lt;br&gt;): two in a row leave a blank line.</summary>
    public void LineBreak() => _pendingBreaks = Math.Min(_pendingBreaks + 1, 2);

    public void Append(char c)
    {
        if (IsCollapsible(c))
        {
            _pendingSpace = true;
            return;
        }

        if (_pendingSpace || _pendingBreaks > 0 || _length == _buffer.Length)
        {
            Flush(1);
        }

        _buffer[_length++] = c;
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            Append(c);
        }
    }

    public void Append(Rune rune)
    {
        Span<char> chars = stackalloc char[2];
        Append(chars[..rune.EncodeToUtf16(chars)]);
    }

    public override string ToString() => new(_buffer, 0, _length);

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static bool IsCollapsible(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v' or '\u00A0';

    private void Flush(int extra)
    {
        var separator = _length == 0 ? 0 : _pendingBreaks > 0 ? _pendingBreaks : _pendingSpace ? 1 : 0;
        if (_length + separator + extra > _buffer.Length)
        {
            Grow(separator + extra);
        }

        if (separator > 0)
        {
            var separatorChar = _pendingBreaks > 0 ? '\n' : ' ';
            _buffer.AsSpan(_length, separator).Fill(separatorChar);
            _length += separator;
        }

        _pendingSpace = false;
        _pendingBreaks = 0;
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
