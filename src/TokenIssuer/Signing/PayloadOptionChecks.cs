namespace TokenIssuer;

/// <summary>
/// jsonwebtoken's rules between the options and the payload: claim options need an object payload,
/// and may not set a claim the payload already carries.
/// </summary>
internal static class PayloadOptionChecks
{
    /// <summary>Refuses the claim options for a string, number or boolean payload (<paramref name="payloadKind"/>).</summary>
    public static void CheckNonObjectPayload(JwtSignOptions options, string payloadKind)
    {
        var refused = ObjectPayloadOptionsSet(options);
        if (refused.Count > 0) throw SigningErrors.OptionsNotAllowedForStringPayload(refused, payloadKind);
    }

    /// <summary>The options that jsonwebtoken refuses with a non-object payload, in its order.</summary>
    private static List<string> ObjectPayloadOptionsSet(JwtSignOptions options)
    {
        var set = new List<string>();
        if (options.ExpiresIn is not null) set.Add(JwtOptionNames.ExpiresIn);
        if (options.NotBefore is not null) set.Add(JwtOptionNames.NotBefore);
        if (options.NoTimestamp || options.NoTimestampGiven) set.Add(JwtOptionNames.NoTimestamp);
        if (options.Audience is not null) set.Add(JwtOptionNames.Audience);
        if (options.Issuer is not null) set.Add(JwtOptionNames.Issuer);
        if (options.Subject is not null) set.Add(JwtOptionNames.Subject);
        if (options.JwtId is not null) set.Add(JwtOptionNames.JwtId);
        return set;
    }

    /// <summary>expiresIn and notBefore against the payload's own exp and nbf.</summary>
    public static void CheckTimeOptions(PayloadTimeClaims claims, JwtSignOptions options)
    {
        if (claims.HasExp && options.ExpiresIn is not null) throw SigningErrors.PayloadAlreadyHasTimeClaim(JwtOptionNames.ExpiresIn, RegisteredClaimNames.Expires);
        if (claims.HasNbf && options.NotBefore is not null) throw SigningErrors.PayloadAlreadyHasTimeClaim(JwtOptionNames.NotBefore, RegisteredClaimNames.NotBefore);
    }

    /// <summary>audience, issuer, subject and jwtid against the payload's own aud, iss, sub and jti.</summary>
    public static void CheckClaimOptions(IReadOnlyDictionary<string, object?> payload, JwtSignOptions options)
    {
        CheckClaimOption(payload, options.Audience, JwtOptionNames.Audience, RegisteredClaimNames.Audience);
        CheckClaimOption(payload, options.Issuer, JwtOptionNames.Issuer, RegisteredClaimNames.Issuer);
        CheckClaimOption(payload, options.Subject, JwtOptionNames.Subject, RegisteredClaimNames.Subject);
        CheckClaimOption(payload, options.JwtId, JwtOptionNames.JwtId, RegisteredClaimNames.JwtId);
    }

    private static void CheckClaimOption(IReadOnlyDictionary<string, object?> payload, object? value, string option, string claim)
    {
        if (value is not null && payload.ContainsKey(claim)) throw SigningErrors.PayloadAlreadyHasClaim(option, claim);
    }
}
