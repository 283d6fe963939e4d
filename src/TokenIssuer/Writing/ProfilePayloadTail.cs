namespace TokenIssuer;

/// <summary>
/// The end of a profile token's payload, after the fixed and per-call claims, written as bytes: <c>iat</c>,
/// <c>nbf</c>, <c>exp</c>, the profile's constant <c>aud</c>/<c>iss</c>/<c>sub</c>/<c>jti</c> members (pre-written
/// in its plan), a fresh <c>jti</c> for GenerateJwtId, and the closing brace. The members and their order are those
/// <see cref="RegisteredClaimWriter"/> writes with the JSON writer (jsonwebtoken's order); bytes here because every
/// one is a number, JSON escaped once in the plan, or base64url, none needing the writer's escaping.
/// </summary>
/// <remarks>
/// Everything but a fresh jti depends only on the profile and the second the token is issued in, so each thread keeps
/// the last members it wrote and copies them for every other token of that profile in that second.
/// </remarks>
internal static class ProfilePayloadTail
{
    private const int JwtIdMemberLength = 1 + 7 + GeneratedJwtId.Length + 1;

    private static ReadOnlySpan<byte> JwtIdMember => "\"jti\":\""u8;

    [ThreadStatic]
    private static TimeMembers? t_last;

    /// <summary>
    /// Ends the payload the scratch's writer started. Returns the <c>jti</c> the token carries: the profile's constant
    /// <c>JwtId</c>, or null; a fresh one (GenerateJwtId) becomes a string only when <paramref name="reportJwtId"/> asks.
    /// </summary>
    public static string? Write(TokenScratch scratch, SigningPlan plan, in TokenTimes times, bool reportJwtId)
    {
        var last = t_last ??= new TimeMembers();
        var members = last.For(plan, times);
        var destination = scratch.RawJson(1 + members.Length + JwtIdMemberLength + 1, out bool hasMembers);
        int length = 0;
        if (!members.IsEmpty)
        {
            if (hasMembers) destination[length++] = (byte)',';
            members.CopyTo(destination[length..]);
            length += members.Length;
            hasMembers = true;
        }

        string? jwtId = plan.ClaimOptions.JwtId;
        if (plan.ClaimRules.GenerateJwtId)
        {
            if (hasMembers) destination[length++] = (byte)',';
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

    /// <summary>A thread's last iat/nbf/exp and constant members, comma-separated, for one profile and one second.</summary>
    private sealed class TimeMembers
    {
        // A time member: a comma, the quoted name and colon, and a number (a long's 20 characters, or JavaScript's
        // longest form of a double, about 25).
        private const int MaxTimeMemberLength = 1 + 6 + 32;

        private static ReadOnlySpan<byte> IatMember => "\"iat\":"u8;
        private static ReadOnlySpan<byte> NbfMember => "\"nbf\":"u8;
        private static ReadOnlySpan<byte> ExpMember => "\"exp\":"u8;

        private SigningPlan? _plan;
        private double _issuedAt;
        private byte[] _bytes = new byte[256];
        private int _length;

        public ReadOnlySpan<byte> For(SigningPlan plan, in TokenTimes times)
        {
            // The times follow from the issue time and the plan's options alone (TokenTimes.From).
            if (!ReferenceEquals(_plan, plan) || _issuedAt != times.IssuedAt) Fill(plan, times);
            return _bytes.AsSpan(0, _length);
        }

        private void Fill(SigningPlan plan, in TokenTimes times)
        {
            byte[] constants = plan.ConstantClaimsJson;
            int needed = 3 * MaxTimeMemberLength + 1 + constants.Length;
            if (_bytes.Length < needed) _bytes = new byte[needed];

            var destination = _bytes.AsSpan();
            int length = 0;
            if (!plan.ClaimOptions.NoTimestamp) AppendTime(destination, ref length, IatMember, times.IssuedAt);
            if (times.NotBefore is double notBefore) AppendTime(destination, ref length, NbfMember, notBefore);
            if (times.Expires is double expires) AppendTime(destination, ref length, ExpMember, expires);
            if (constants.Length > 0)
            {
                if (length > 0) destination[length++] = (byte)',';
                constants.CopyTo(destination[length..]);
                length += constants.Length;
            }

            _length = length;
            _issuedAt = times.IssuedAt;
            _plan = plan;
        }

        private static void AppendTime(Span<byte> destination, ref int length, ReadOnlySpan<byte> member, double value)
        {
            if (length > 0) destination[length++] = (byte)',';
            member.CopyTo(destination[length..]);
            length += member.Length;
            length += JsNumberFormatter.FormatUtf8(value, destination[length..]);
        }
    }
}
