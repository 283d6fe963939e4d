using System.Text;
using System.Text.Json;

namespace TokenIssuer.Tests.Signing;

/// <summary>A number written as bytes (a profile payload's times) is the text the JSON writer path writes for it.</summary>
public sealed class NumberTextTests
{
    [Theory]
    [InlineData(0d)]
    [InlineData(1_700_000_000d)]
    [InlineData(-42d)]
    [InlineData(1_700_000_090.5d)]
    [InlineData(9007199254740991d)]
    [InlineData(9007199254740992d)]
    [InlineData(1e21)]
    [InlineData(1.5e-7)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(253402300799d)]
    public void FormatUtf8WritesWhatTheClaimWriterWrites(double value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ClaimValueWriter.WriteNumber(writer, value);
        }

        Span<byte> text = stackalloc byte[32];
        int length = JsNumberFormatter.FormatUtf8(value, text);

        Assert.Equal(Encoding.ASCII.GetString(buffer.WrittenSpan), Encoding.ASCII.GetString(text[..length]));
    }
}
