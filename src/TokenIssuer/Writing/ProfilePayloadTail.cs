using System.Buffers.Text;
using System.Text;

namespace TokenIssuer;

/// <summary>
/// The end of a profile token's payload, after the fixed and per-call claims, written as bytes: <c>iat</c>,
/// <c>nbf</c>, <c>exp</c>, the profile's constant <c>aud</c>/<c>iss</c>/<c>sub</c>/<c>jti</c> members (pre-written
/// in its plan), a fresh <c>jti</c> for GenerateJwtId, and the closing brace. The members and their order are those
/// <see cref="RegisteredClaimWriter"/> writes with the JSON writer (jsonwebtoken's order); bytes here because every
/// one is a number, JSON escaped once in the plan, or base64url, none needing the writer's escaping, and the writer's
/// per-member bookkeeping cost a token more than the rest of its payload's end.
/// </summary>
internal static class ProfilePayloadTail
{
    // A time member: a comma, the quoted name and colon, and a number (a long's 20 characters, or JavaScript's
    // longest form of a double, about 25).
    private const int MaxTimeMemberLength = 1 + 6 + 32;
    private const int JwtIdMemberLength = 1 + 7 + GeneratedJwtId.Length + 1;

    private static ReadOnlySpan<byte> IatMember => "\"iat\":"u8;
    private static ReadOnlySpan<byte> NbfMember => "\"nbf\":"u8;
    private static ReadOnlySpan<byte> ExpMember => "\"exp\":"u8;
    private static ReadOnlySpan<byte> JwtIdMember => "\"jti\":\""u8;

    /// <summary>
    /// Ends the payload the scratch's writer started. Returns the <c>jti</c> the token carries: the profile's constant
    /// <c>JwtId</c>, or null; a fresh one (GenerateJwtId) becomes a string only when <paramref name="reportJwtId"/> asks.
    /// </summary>
    public static string? Write(TokenScratch scratch, SigningPlan plan, in TokenTimes times, bool reportJwtId)
    {
        var options = plan.ClaimOptions;
        byte[] constants = plan.ConstantClaimsJson;
        var destination = scratch.RawJson(3 * MaxTimeMemberLength + 1 + constants.Length + JwtIdMemberLength + 1, out bool hasMembers);
        int length = 0;

        if (!options.NoTimestamp) AppendTime(destination, ref length, ref hasMembers, IatMember, times.IssuedAt);
        if (times.NotBefore is double notBefore) AppendTime(destination, ref length, ref hasMembers, NbfMember, notBefore);
        if (times.Expires is double expires) AppendTime(destination, ref length, ref hasMembers, ExpMember, expires);
        if (constants.Length > 0)
        {
            AppendSeparator(destination, ref length, ref hasMembers);
            constants.CopyTo(destination[length..]);
            length += constants.Length;
        }

        string? jwtId = options.JwtId;
        if (plan.ClaimRules.GenerateJwtId)
        {
            AppendSeparator(destination, ref length, ref hasMembers);
            JwtIdMember.CopyTo(destination[length..]);
            length += JwtIdMember.Length;
            jwtId = GeneratedJwtId.Write(destination.Slice(length, GeneratedJwtId.Length), reportJwtId);
            length += GeneratedJwtId.Length;
            destination[length++] = (byte)'"';
        }

        destination[length++] = (byte)'}';
        scratch.AdvanceRawJson(length);
        return jwtId;
    }

    private static void AppendTime(Span<byte> destination, ref int length, ref bool hasMembers, ReadOnlySpan<byte> member, double value)
    {
        AppendSeparator(destination, ref length, ref hasMembers);
        member.CopyTo(destination[length..]);
        length += member.Length;
        length += JsNumberFormatter.FormatUtf8(value, destination[length..]);
    }

    private static void AppendSeparator(Span<byte> destination, ref int length, ref bool hasMembers)
    {
        if (hasMembers) destination[length++] = (byte)',';
        hasMembers = true;
    }
}
