using System;
using System.Collections.Generic;
namespace TokenIssuer;

/// <summary>
/// The option names of jsonwebtoken's <c>sign</c>, and the "did you mean" helper every entry point uses
/// for unknown names (the options object, profile options in configuration, command-line flags).
/// </summary>
internal static class JwtOptionNames
{
    public const string Algorithm = "algorithm";
    public const string ExpiresIn = "expiresIn";
    public const string NotBefore = "notBefore";
    public const string Audience = "audience";
    public const string Issuer = "issuer";
    public const string Subject = "subject";
    public const string JwtId = "jwtid";
    public const string KeyId = "keyid";
    public const string NoTimestamp = "noTimestamp";
    public const string Header = "header";
    public const string Encoding = "encoding";
    public const string MutatePayload = "mutatePayload";
    public const string AllowInsecureKeySizes = "allowInsecureKeySizes";
    public const string AllowInvalidAsymmetricKeyTypes = "allowInvalidAsymmetricKeyTypes";

    public static readonly string[] All =
    {
        Algorithm, ExpiresIn, NotBefore, Audience, Issuer, Subject, JwtId, KeyId, NoTimestamp, Header,
        Encoding, MutatePayload, AllowInsecureKeySizes, AllowInvalidAsymmetricKeyTypes,
    };

    /// <summary>
    /// The options jsonwebtoken refuses for a non-object payload, in the fixed order its message lists them.
    /// </summary>
    public static readonly string[] ObjectPayloadOnly = { ExpiresIn, NotBefore, NoTimestamp, Audience, Issuer, Subject, JwtId };

    public static string? Suggest(string name) => Suggest(name, All);

    /// <summary>The candidate closest to <paramref name="name"/> (ignoring case), if it is close enough to be a typo.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates, int? maxDistance = null)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            int distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = maxDistance ?? Math.Max(1, Math.Min(3, name.Length / 3));
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit ("Mian" → "Main").</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
