namespace TokenIssuer;

/// <summary>
/// The managed-key timeline as pure logic: from the time, the stored keys of one key name and the key's
/// settings, which key is in which state, which one signs, whether a new key is due and when anything
/// changes next. No clock, no I/O: every instance that sees the same store computes the same answer,
/// which is how racing instances agree on one signing key without a lock.
/// </summary>
/// <remarks>
/// <para>The state machine of one key (times are the key's <c>created</c>, clamped to now when it lies in
/// the future because of clock skew between instances):</para>
/// <code>
///  created ─▶ Announced ──(activation = created + PropagationTime, and the oldest eligible key)──▶ Active
///  Active ──(retirement = max(created + RotationInterval, activation of the next younger key))──▶ Retired
///  Retired ──(retirement + RetentionTime)──▶ Expired (deleted from the store)
/// </code>
/// <list type="bullet">
/// <item><b>Signing key.</b> The oldest key whose activation has passed and whose retirement has not. A key
/// retires only once a younger key has activated, so a key whose rotation is overdue (every instance was
/// down, or the store was unreachable when its successor was due) keeps signing until its successor
/// activates, and is never retired into a gap with nothing to sign.</item>
/// <item><b>First start.</b> When no key has reached its activation (an empty store was just filled),
/// the oldest key signs at once: there is nothing else to sign with, and no validator can have cached an
/// older JWKS of this key name.</item>
/// <item><b>Spare keys.</b> Two instances that create a key at the same moment both store one; the
/// younger is <see cref="ManagedKeyState.Announced"/> while the older signs, and it signs only in the
/// instant between the older one's rotation and the next key's activation (which it bounds, since the next
/// key is due relative to the youngest key).</item>
/// <item><b>A new key is due</b> when there is no key, or the youngest key is within PropagationTime of
/// reaching RotationInterval (<c>youngest.created + RotationInterval - PropagationTime ≤ now</c>), so the
/// new key activates exactly when the current one reaches its rotation.</item>
/// <item>Ties in <c>created</c> are broken by the ordinal order of the <c>kid</c>, so "oldest" is the same
/// key everywhere.</item>
/// </list>
/// </remarks>
internal static class ManagedKeyTimeline
{
    /// <summary>Places every key of one key name on the timeline at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="keys">The stored keys of one key name (any order; other names must be filtered out first).</param>
    /// <param name="settings">The key name's managed settings.</param>
    public static ManagedKeyTimelineResult Compute(DateTimeOffset now, IReadOnlyCollection<JwtStoredKey> keys, ManagedKeySettings settings)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(settings);

        var ordered = keys
            .Select(k => (Record: k, Created: k.Created > now ? now : k.Created))
            .OrderBy(k => k.Created)
            .ThenBy(k => k.Record.KeyId, StringComparer.Ordinal)
            .ToArray();

        int count = ordered.Length;
        var activation = new DateTimeOffset[count];
        var retirement = new DateTimeOffset?[count];
        for (int i = 0; i < count; i++) activation[i] = ordered[i].Created + settings.PropagationTime;

        // A key retires when it has reached its rotation and a younger key has activated to take over.
        // The earliest activation among the younger keys is the activation of the next key in created order
        // (activation is created + a constant), so it is activation[i + 1].
        for (int i = 0; i < count - 1; i++)
        {
            var rotation = ordered[i].Created + settings.RotationInterval;
            retirement[i] = rotation > activation[i + 1] ? rotation : activation[i + 1];
        }

        int signer = -1;
        for (int i = 0; i < count && signer < 0; i++)
        {
            if (activation[i] <= now && (retirement[i] is not { } r || now < r)) signer = i;
        }

        bool firstStart = false;
        if (signer < 0 && count > 0)
        {
            // No key has activated: the very first start on an empty store. The oldest key signs at once.
            signer = 0;
            firstStart = true;
        }

        var entries = new ManagedKeyTimelineEntry[count];
        for (int i = 0; i < count; i++)
        {
            DateTimeOffset? expiry = retirement[i] + settings.RetentionTime;
            ManagedKeyState state =
                i == signer ? ManagedKeyState.Active
                : expiry is { } e && now >= e ? ManagedKeyState.Expired
                : retirement[i] is { } r && now >= r ? ManagedKeyState.Retired
                : ManagedKeyState.Announced;
            var activates = i == signer && firstStart ? ordered[i].Created : activation[i];
            entries[i] = new ManagedKeyTimelineEntry(ordered[i].Record, state, ordered[i].Created, activates, retirement[i], expiry);
        }

        DateTimeOffset? due = count == 0 ? now : ordered[count - 1].Created + settings.RotationInterval - settings.PropagationTime;
        bool newKeyDue = due <= now;

        // The next instant at which the answer changes without the store changing: an activation, a
        // retirement, an expiry, or the next key falling due.
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? when)
        {
            if (when is { } w && w > now && (next is null || w < next)) next = w;
        }

        for (int i = 0; i < count; i++)
        {
            Consider(activation[i]);
            Consider(retirement[i]);
            Consider(entries[i].Expires);
        }

        Consider(due);
        return new ManagedKeyTimelineResult(entries, signer < 0 ? null : entries[signer], newKeyDue, firstStart, next);
    }
}

/// <summary>One key on the timeline.</summary>
/// <param name="Record">The stored key.</param>
/// <param name="State">Its state at the time the timeline was computed.</param>
/// <param name="Created">Its creation, clamped to the computation time when it lay in the future.</param>
/// <param name="Activates">When it signs (or signed) at the earliest: <c>created + PropagationTime</c>, or <c>created</c> for the first key of a first start.</param>
/// <param name="Retires">When it stops signing; null while it is the youngest key (nothing can take over yet).</param>
/// <param name="Expires">When it leaves the JWKS and is deleted: <see cref="Retires"/> + RetentionTime.</param>
internal sealed record ManagedKeyTimelineEntry(
    JwtStoredKey Record, ManagedKeyState State, DateTimeOffset Created, DateTimeOffset Activates, DateTimeOffset? Retires, DateTimeOffset? Expires)
{
    public string KeyId => Record.KeyId;
}

/// <summary>The timeline of one key name at one instant.</summary>
/// <param name="Keys">Every stored key, oldest first, including expired ones (to delete).</param>
/// <param name="Signer">The key that signs; null only when there is no key.</param>
/// <param name="NewKeyDue">A new key should be created now.</param>
/// <param name="FirstStart">No key has activated yet, so <see cref="Signer"/> signs before its propagation time.</param>
/// <param name="NextChange">The next instant at which a state changes or a key falls due; null when nothing will without a new key.</param>
internal sealed record ManagedKeyTimelineResult(
    IReadOnlyList<ManagedKeyTimelineEntry> Keys, ManagedKeyTimelineEntry? Signer, bool NewKeyDue, bool FirstStart, DateTimeOffset? NextChange);
