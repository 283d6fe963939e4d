using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Writes and signs one token of a compiled profile: the plan's header (already encoded), its fixed
/// claims, the per-call claims the callback writes, then the claims its options set (<see cref="ProfilePayloadTail"/>).
/// </summary>
internal static class ProfileTokenWriter
{
    /// <summary>
    /// Writes and signs the token; <paramref name="times"/> and <paramref name="jwtId"/> are the <c>iat</c>/<c>nbf</c>/<c>exp</c>
    /// and the <c>jti</c> it carries (the facts of <see cref="JwtIssuedToken"/>, reported rather than decoded). A jti
    /// made per token becomes a string only when <paramref name="reportJwtId"/> asks for it (the facts path).
    /// </summary>
    public static string Write<TState>(SigningPlan plan, TimeProvider time, TState state, JwtClaimsCallback<TState> writeClaims,
        bool reportJwtId, out TokenTimes times, out string? jwtId)
    {
        times = TokenTimes.From(TokenTimes.Now(time), plan.ClaimOptions);
        var scratch = TokenScratch.Rent();
        scratch.AppendEncoded(plan.EncodedHeader);
        var writer = scratch.StartJson();
        writer.WriteStartObject();
        WriteFixedClaims(writer, plan);
        scratch.ResetClaimNames();
        writeClaims(new JwtClaimWriter(writer, plan, scratch), state);
        if (plan.ClaimRules.PerCallRequired.Length > 0) RequirePerCallClaims(plan, scratch);
        jwtId = ProfilePayloadTail.Write(scratch, plan, times, reportJwtId);
        scratch.AppendJsonSegment();
        string token = scratch.Finish(plan.Key.Key, plan.Algorithm);
        TokenScratch.Return(scratch);
        return token;
    }

    private static void WriteFixedClaims(Utf8JsonWriter writer, SigningPlan plan)
    {
        foreach (var (name, value) in plan.FixedClaims)
        {
            writer.WritePropertyName(name);
            ClaimValueWriter.Write(writer, value, name);
        }
    }

    /// <summary>An RFC 9068 token must carry sub and client_id; a typed call can still pass null for them.</summary>
    private static void RequirePerCallClaims(SigningPlan plan, TokenScratch scratch)
    {
        foreach (string claim in plan.ClaimRules.PerCallRequired)
        {
            if (!scratch.HasClaimName(claim)) throw IssueErrors.MissingAccessTokenClaim(plan.Profile, claim);
        }
    }
}
