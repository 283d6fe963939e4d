using System.Text.Json;

namespace TokenIssuer.Tests;

/// <summary>Compares JSON by value (member order and number/escape spelling aside), as the conformance checker does.</summary>
internal static class JsonAssert
{
    public static void SameValue(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, actualDocument.RootElement), $"Expected JSON value {expected}, got {actual}");
    }
}
