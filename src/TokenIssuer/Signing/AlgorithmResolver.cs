using System.Globalization;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>Which algorithm signs: <c>header.alg</c> over <c>algorithm</c> over the key's own algorithm.</summary>
internal static class AlgorithmResolver
{
    /// <exception cref="JwtSigningException">The algorithm named is unknown or <c>none</c>, or none follows from the key.</exception>
    public static JwtAlgorithm Resolve(JwtSignOptions options, SigningKey key)
    {
        if (options.Header is { } header && header.TryGetValue(HeaderParameterNames.Algorithm, out var headerAlg)) return FromHeader(headerAlg);
        var algorithm = options.Algorithm ?? key.DefaultAlgorithm ?? throw SigningErrors.NoDefaultAlgorithm(key);
        if ((uint)algorithm >= (uint)JwtAlgorithmNames.All.Length) throw SigningErrors.UnknownAlgorithm(JwtOptionNames.Algorithm, ((int)algorithm).ToString(CultureInfo.InvariantCulture));
        return algorithm;
    }

    private static JwtAlgorithm FromHeader(object? headerAlg)
    {
        string? name = headerAlg switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => JsonDocuments.GetString(element, "header.alg"),
            _ => throw SigningErrors.AlgorithmNotString("header.alg"),
        };
        if (name == "none") throw SigningErrors.UnsignedTokensRefused("header.alg");
        return JwtAlgorithmNames.TryParse(name, out var parsed) ? parsed : throw SigningErrors.UnknownAlgorithm("header.alg", name);
    }
}
