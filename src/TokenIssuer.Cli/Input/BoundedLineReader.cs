using System.Text;

namespace TokenIssuer.Cli.Input;

/// <summary>One line read by <see cref="BoundedLineReader"/>: its text, or its length when it was too long to keep.</summary>
internal readonly record struct BoundedLine(string? Text, long Length)
{
    public bool TooLong => Text is null;
}

/// <summary>
/// Reads lines (ending in \n, \r\n or \r) keeping at most <c>maxChars</c> of each: a longer line is
/// skipped to its end and reported by its length, so that one huge line is refused without ever being
/// held in memory whole.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxChars)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    /// <summary>The next line, or null at the end of input.</summary>
    public BoundedLine? ReadLine()
    {
        _line.Clear();
        long length = 0;
        bool any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0) return any ? Line(length) : null;
            }
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }
            any = true;
            var rest = _buffer.AsSpan(_position, _length - _position);
            int end = rest.IndexOfAny('\n', '\r');
            var chunk = end < 0 ? rest : rest[..end];
            if (length + chunk.Length <= maxChars) _line.Append(chunk);
            length += chunk.Length;
            _position += chunk.Length;
            if (end < 0) continue;

            _skipLineFeed = _buffer[_position] == '\r';
            _position++;
            return Line(length);
        }
    }

    /// <summary>All of the input as one text, or null when it is longer than <c>maxChars</c> (reading stops there).</summary>
    public static string? ReadAll(TextReader reader, int maxChars)
    {
        var text = new StringBuilder();
        var buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > maxChars) return null;
            text.Append(buffer, 0, read);
        }
        return text.ToString();
    }

    private BoundedLine Line(long length) => new(length <= maxChars ? _line.ToString() : null, length);
}
