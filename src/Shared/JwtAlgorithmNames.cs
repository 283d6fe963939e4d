using System;
using System.Collections.Generic;
namespace TokenIssuer;

/// <summary>The family of a <see cref="JwtAlgorithm"/>, which decides the kind of key it needs.</summary>
internal enum JwtAlgorithmFamily
{
    Hmac,
    RsaPkcs1,
    RsaPss,
    Ecdsa,
}

/// <summary>
/// Algorithm names as they appear in the JOSE header and in configuration. Shared by the runtime and
/// the source generator (plain netstandard2.0 C#, no dependencies), so both read a name the same way.
/// </summary>
internal static class JwtAlgorithmNames
{
    /// <summary>Every supported name, in the order jsonwebtoken lists them in its messages.</summary>
    public static readonly string[] All =
    {
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
        "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    };

    /// <summary>
    /// Parses a JOSE <c>alg</c> name. Exact and case-sensitive, as jsonwebtoken's enum check is
    /// (<c>"hs256"</c> is not HS256).
    /// </summary>
    public static bool TryParse(string? name, out JwtAlgorithm algorithm)
    {
        switch (name)
        {
            case "HS256": algorithm = JwtAlgorithm.HS256; return true;
            case "HS384": algorithm = JwtAlgorithm.HS384; return true;
            case "HS512": algorithm = JwtAlgorithm.HS512; return true;
            case "RS256": algorithm = JwtAlgorithm.RS256; return true;
            case "RS384": algorithm = JwtAlgorithm.RS384; return true;
            case "RS512": algorithm = JwtAlgorithm.RS512; return true;
            case "PS256": algorithm = JwtAlgorithm.PS256; return true;
            case "PS384": algorithm = JwtAlgorithm.PS384; return true;
            case "PS512": algorithm = JwtAlgorithm.PS512; return true;
            case "ES256": algorithm = JwtAlgorithm.ES256; return true;
            case "ES384": algorithm = JwtAlgorithm.ES384; return true;
            case "ES512": algorithm = JwtAlgorithm.ES512; return true;
            default: algorithm = default; return false;
        }
    }

    public static string Name(JwtAlgorithm algorithm) => All[(int)algorithm];

    public static JwtAlgorithmFamily Family(JwtAlgorithm algorithm)
    {
        switch (algorithm)
        {
            case JwtAlgorithm.HS256: case JwtAlgorithm.HS384: case JwtAlgorithm.HS512: return JwtAlgorithmFamily.Hmac;
            case JwtAlgorithm.RS256: case JwtAlgorithm.RS384: case JwtAlgorithm.RS512: return JwtAlgorithmFamily.RsaPkcs1;
            case JwtAlgorithm.PS256: case JwtAlgorithm.PS384: case JwtAlgorithm.PS512: return JwtAlgorithmFamily.RsaPss;
            default: return JwtAlgorithmFamily.Ecdsa;
        }
    }

    /// <summary>The SHA-2 size the algorithm hashes with: 256, 384 or 512.</summary>
    public static int HashBits(JwtAlgorithm algorithm)
    {
        switch ((int)algorithm % 3)
        {
            case 0: return 256;
            case 1: return 384;
            default: return 512;
        }
    }

    /// <summary>A hint for an unknown name: the supported name it most likely means, or null.</summary>
    public static string? Suggest(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        var trimmed = name!.Trim().ToUpperInvariant();
        foreach (var candidate in All)
        {
            if (candidate == trimmed) return candidate;
        }
        return JwtOptionNames.Suggest(trimmed, All, maxDistance: 2);
    }
}
