using System.Buffers.Text;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// A profile compiled once: its key and algorithm, its header already in base64url, its fixed claims
/// and the claim options. Issuing a token from a plan parses nothing.
/// </summary>
internal sealed class SigningPlan
{
    private static readonly JsonWriterOptions HeaderWriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SigningPlan(string profile, JwtAlgorithm algorithm, LoadedKey key, string? keyId, JwtSignOptions claimOptions,
        IReadOnlyDictionary<string, object?>? header, KeyValuePair<string, object?>[] fixedClaims, ProfileClaimRules? claimRules = null)
    {
        ClaimRules = claimRules ?? ProfileClaimRules.None;
        Profile = profile;
        Algorithm = algorithm;
        Key = key;
        KeyId = keyId;
        ClaimOptions = claimOptions;
        FixedClaims = fixedClaims;
        TokenType = header is not null && header.TryGetValue("typ", out var typ) ? typ as string : "JWT";

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, HeaderWriterOptions))
        {
            JwtHeaderWriter.Write(writer, algorithm, keyId, header, objectPayload: true);
        }
        EncodedHeader = Base64Url.EncodeToUtf8(buffer.WrittenSpan);

        // aud, iss, sub and jti never change for a profile: their JSON members are written once, here.
        var claims = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(claims, HeaderWriterOptions))
        {
            writer.WriteStartObject();
            RegisteredClaimWriter.WriteConstantOptionClaims(writer, claimOptions);
            writer.WriteEndObject();
        }
        ConstantClaimsJson = claims.WrittenSpan[1..^1].ToArray();

        // The profile rules' claims: the time claims, those the options set, and the fixed claims.
        ReservedClaims = new HashSet<string>(ProfileRules.TimeClaims, StringComparer.Ordinal);
        ReservedClaims.UnionWith(ProfileRules.ClaimsSetByOptions(claimOptions.Audience is not null, claimOptions.Issuer is not null,
            claimOptions.Subject is not null, claimOptions.JwtId is not null, ClaimRules.GenerateJwtId).Keys);
        foreach (var claim in fixedClaims) ReservedClaims.Add(claim.Key);
    }

    public string Profile { get; }

    public JwtAlgorithm Algorithm { get; }

    public LoadedKey Key { get; }

    /// <summary>The <c>kid</c> in this profile's header (null when the header names none).</summary>
    public string? KeyId { get; }

    /// <summary>The jsonwebtoken options that set claims: ExpiresIn, NotBefore, Audience, Issuer, Subject, JwtId, NoTimestamp.</summary>
    public JwtSignOptions ClaimOptions { get; }

    public byte[] EncodedHeader { get; }

    /// <summary>The <c>typ</c> header its tokens carry: the profile's <c>Header.typ</c>, else <c>JWT</c>.</summary>
    public string? TokenType { get; }

    /// <summary>The JSON members of aud, iss, sub and jti (<c>"aud":"…","iss":"…"</c>, no braces), or empty.</summary>
    public byte[] ConstantClaimsJson { get; }

    public KeyValuePair<string, object?>[] FixedClaims { get; }

    /// <summary>GenerateJwtId, RFC 9068 and the declared per-call claims.</summary>
    public ProfileClaimRules ClaimRules { get; }

    /// <summary>Claims a caller may not pass: those the options or the fixed claims already set.</summary>
    public HashSet<string> ReservedClaims { get; }

    // Per-call claim names already accepted (not reserved, no lone surrogate), kept by reference: the generated
    // methods pass the same literal strings on every call, so from the second token on a name costs one reference
    // comparison instead of a hash look-up and a scan. Direct-mapped; a racing write only costs a re-check.
    private readonly string?[] _acceptedNames = new string?[16];

    /// <summary>
    /// Refuses a per-call claim name this profile sets (or one that UTF-8 cannot carry), unless this very
    /// string was accepted before.
    /// </summary>
    public void CheckClaimName(string name)
    {
        int slot = name.Length == 0 ? 0 : (name[0] + 3 * name[^1] + 5 * name.Length) & 15;
        if (ReferenceEquals(Volatile.Read(ref _acceptedNames[slot]), name)) return;
        if (ReservedClaims.Contains(name)) throw IssueErrors.ClaimSetByProfile(Profile, name);
        ClaimValueWriter.EnsureEncodable(name, name);
        Volatile.Write(ref _acceptedNames[slot], name);
    }
}
