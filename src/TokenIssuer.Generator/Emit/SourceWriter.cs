using System;
using System.Text;

namespace TokenIssuer.Generator.Emit;

/// <summary>A minimal indented writer for generated source (no SyntaxFactory, no NormalizeWhitespace).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new(4096);
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes a block of lines (a raw string literal), each at the current indentation.</summary>
    public SourceWriter Lines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n')) Line(line);
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4"));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string Xml(string value)
        => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\n", " ").Replace("\r", " ");
}
