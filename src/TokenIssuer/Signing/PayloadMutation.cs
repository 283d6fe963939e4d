namespace TokenIssuer;

/// <summary>
/// mutatePayload: the caller's dictionary receives what the token carries. Claims written by the
/// options never collide with existing ones (<see cref="PayloadOptionChecks"/> refuses that first), so
/// the payload written afterwards from this dictionary is the same token.
/// </summary>
internal static class PayloadMutation
{
    public static void Apply(IReadOnlyDictionary<string, object?> payload, JwtSignOptions options, TokenTimes times)
    {
        if (payload is not IDictionary<string, object?> { IsReadOnly: false } target) throw SigningErrors.MutatePayloadNeedsDictionary();
        if (options.NoTimestamp) target.Remove(RegisteredClaimNames.IssuedAt);
        else target[RegisteredClaimNames.IssuedAt] = times.IssuedAt;
        if (times.NotBefore is not null) target[RegisteredClaimNames.NotBefore] = times.NotBefore.Value;
        if (times.Expires is not null) target[RegisteredClaimNames.Expires] = times.Expires.Value;
        if (options.Audience is { } audience) target[RegisteredClaimNames.Audience] = audience.Single ?? (object?)audience.Values;
        if (options.Issuer is not null) target[RegisteredClaimNames.Issuer] = options.Issuer;
        if (options.Subject is not null) target[RegisteredClaimNames.Subject] = options.Subject;
        if (options.JwtId is not null) target[RegisteredClaimNames.JwtId] = options.JwtId;
    }
}
