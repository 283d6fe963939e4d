using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TokenIssuer.Generator.Parsing;

/// <summary>Where a JSON value sits in its file: character offsets and 0-based line/column of its start and end.</summary>
internal readonly record struct JsonSpan(int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn);

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A parsed JSON value with its position. Object members keep their order and duplicates.</summary>
internal sealed class JsonValue
{
    public JsonValue(JsonKind kind, JsonSpan span, string? text = null, List<JsonMember>? members = null, List<JsonValue>? items = null)
    {
        Kind = kind;
        Span = span;
        Text = text;
        Members = members;
        Items = items;
    }

    public JsonKind Kind { get; }

    public JsonSpan Span { get; }

    /// <summary>The string's value, or a number's text as written.</summary>
    public string? Text { get; }

    public List<JsonMember>? Members { get; }

    public List<JsonValue>? Items { get; }

    /// <summary>The last member named <paramref name="name"/> (case-insensitive, as configuration keys are).</summary>
    public JsonMember? Member(string name)
    {
        JsonMember? found = null;
        if (Members is null) return null;
        foreach (var member in Members)
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase)) found = member;
        }
        return found;
    }

    /// <summary>The value as configuration would see it: strings, numbers and literals as text; objects and arrays as null.</summary>
    public string? ScalarText => Kind switch
    {
        JsonKind.String => Text,
        JsonKind.Number => Text,
        JsonKind.True => "True",
        JsonKind.False => "False",
        _ => null,
    };
}

internal sealed class JsonMember
{
    public JsonMember(string name, JsonSpan nameSpan, JsonValue value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    public JsonSpan NameSpan { get; }

    public JsonValue Value { get; }
}

/// <summary>A JSON syntax error with its position.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, JsonSpan span)
        : base(message)
    {
        Span = span;
    }

    public JsonSpan Span { get; }
}

/// <summary>
/// A small JSON reader of the generator's own, so the compiler never loads System.Text.Json. It accepts
/// what .NET's JSON configuration provider accepts: comments (<c>//</c>, <c>/* */</c>) and trailing commas.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _position;
    private int _line;
    private int _lineStart;

    private JsonReader(string text)
    {
        _text = text;
        // A byte order mark is not content.
        if (_text.Length > 0 && _text[0] == '\uFEFF') _position = 1;
    }

    /// <summary>Parses a whole document; throws <see cref="JsonSyntaxException"/> at the first error.</summary>
    public static JsonValue Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipTrivia();
        var value = reader.ReadValue(0);
        reader.SkipTrivia();
        if (reader._position < text.Length) throw reader.Error("Unexpected text after the end of the JSON document.");
        return value;
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth) throw Error("The JSON is nested too deeply.");
        if (_position >= _text.Length) throw Error("Unexpected end of the file: a value was expected.");
        char c = _text[_position];
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"':
            {
                var (start, line, column) = Mark();
                string value = ReadString();
                return new JsonValue(JsonKind.String, SpanFrom(start, line, column), value);
            }
            case 't': return ReadLiteral("true", JsonKind.True);
            case 'f': return ReadLiteral("false", JsonKind.False);
            case 'n': return ReadLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                throw Error($"Unexpected character '{c}': a value (object, array, string, number, true, false or null) was expected.");
        }
    }

    private JsonValue ReadObject(int depth)
    {
        var (start, line, column) = Mark();
        _position++; // {
        var members = new List<JsonMember>();
        SkipTrivia();
        while (true)
        {
            if (_position >= _text.Length) throw Error("Unexpected end of the file: '}' was expected.");
            if (_text[_position] == '}')
            {
                _position++;
                return new JsonValue(JsonKind.Object, SpanFrom(start, line, column), members: members);
            }
            if (_text[_position] != '"') throw Error("A property name in double quotes was expected.");
            var (nameStart, nameLine, nameColumn) = Mark();
            string name = ReadString();
            var nameSpan = SpanFrom(nameStart, nameLine, nameColumn);
            SkipTrivia();
            if (_position >= _text.Length || _text[_position] != ':') throw Error($"':' was expected after the property name \"{name}\".");
            _position++;
            SkipTrivia();
            members.Add(new JsonMember(name, nameSpan, ReadValue(depth + 1)));
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
                SkipTrivia();
                continue;
            }
            if (_position < _text.Length && _text[_position] == '}') continue;
            throw Error("',' or '}' was expected after a property value.");
        }
    }

    private JsonValue ReadArray(int depth)
    {
        var (start, line, column) = Mark();
        _position++; // [
        var items = new List<JsonValue>();
        SkipTrivia();
        while (true)
        {
            if (_position >= _text.Length) throw Error("Unexpected end of the file: ']' was expected.");
            if (_text[_position] == ']')
            {
                _position++;
                return new JsonValue(JsonKind.Array, SpanFrom(start, line, column), items: items);
            }
            items.Add(ReadValue(depth + 1));
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
                SkipTrivia();
                continue;
            }
            if (_position < _text.Length && _text[_position] == ']') continue;
            throw Error("',' or ']' was expected after an array item.");
        }
    }

    private string ReadString()
    {
        var (start, line, column) = Mark();
        _position++; // opening quote
        var builder = new StringBuilder();
        while (true)
        {
            // An unclosed string is reported at its opening quote, where the mistake is.
            if (_position >= _text.Length) throw ErrorAt(start, line, column, "Unterminated string: a closing '\"' was expected.");
            char c = _text[_position++];
            if (c == '"') return builder.ToString();
            if (c == '\n') throw ErrorAt(start, line, column, "Unterminated string: close it with '\"' before the end of the line (or escape a line break as \\n).");
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (_position >= _text.Length) throw Error("Unterminated escape sequence.");
            char escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("\\u must be followed by four hexadecimal digits.");
                    }
                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error($"'\\{escape}' is not a JSON escape sequence.");
            }
        }
    }

    private JsonValue ReadNumber()
    {
        var (start, line, column) = Mark();
        if (_text[_position] == '-') _position++;
        int digits = SkipDigits();
        if (digits == 0) throw Error("A digit was expected in the number.");
        if (_position < _text.Length && _text[_position] == '.')
        {
            _position++;
            if (SkipDigits() == 0) throw Error("A digit was expected after the decimal point.");
        }
        if (_position < _text.Length && (_text[_position] == 'e' || _text[_position] == 'E'))
        {
            _position++;
            if (_position < _text.Length && (_text[_position] == '+' || _text[_position] == '-')) _position++;
            if (SkipDigits() == 0) throw Error("A digit was expected in the exponent.");
        }
        return new JsonValue(JsonKind.Number, SpanFrom(start, line, column), _text.Substring(start, _position - start));
    }

    private JsonValue ReadLiteral(string literal, JsonKind kind)
    {
        var (start, line, column) = Mark();
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0) throw Error($"'{literal}' or another value was expected.");
        _position += literal.Length;
        return new JsonValue(kind, SpanFrom(start, line, column));
    }

    private int SkipDigits()
    {
        int start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9') _position++;
        return _position - start;
    }

    /// <summary>Whitespace and comments.</summary>
    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '\n')
            {
                _position++;
                _line++;
                _lineStart = _position;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n') _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                int end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("Unterminated comment: '*/' was expected.");
                for (int i = _position; i < end; i++)
                {
                    if (_text[i] == '\n')
                    {
                        _line++;
                        _lineStart = i + 1;
                    }
                }
                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private (int Start, int Line, int Column) Mark() => (_position, _line, _position - _lineStart);

    private JsonSpan SpanFrom(int start, int line, int column)
        => new(start, _position, line, column, _line, _position - _lineStart);

    private JsonSyntaxException ErrorAt(int start, int line, int column, string message)
        => new(message, new JsonSpan(start, start + 1, line, column, line, column + 1));

    private JsonSyntaxException Error(string message)
    {
        int column = _position - _lineStart;
        int end = Math.Min(_position + 1, _text.Length);
        return new JsonSyntaxException(message, new JsonSpan(_position, end, _line, column, _line, column + (end - _position)));
    }
}
