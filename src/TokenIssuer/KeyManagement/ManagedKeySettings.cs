namespace TokenIssuer;

/// <summary>
/// <see cref="JwtManagedKeyOptions"/> parsed and checked: what the timeline and the key manager work with.
/// </summary>
internal sealed record ManagedKeySettings(JwtAlgorithm Algorithm, TimeSpan RotationInterval, TimeSpan PropagationTime, TimeSpan RetentionTime)
{
    /// <summary>The defaults of <see cref="JwtManagedKeyOptions"/>: ES256, 90 days, 14 days, 14 days.</summary>
    public static ManagedKeySettings Default { get; } = new(JwtAlgorithm.ES256, TimeSpan.FromDays(90), TimeSpan.FromDays(14), TimeSpan.FromDays(14));

    /// <summary>
    /// Checks <paramref name="options"/> and lists every problem, each starting with the option's path
    /// (<c>JwtIssuer:Keys:signing:Managed:PropagationTime: …</c>). Empty when the options are usable.
    /// </summary>
    /// <param name="options">The key's <c>Managed</c> options.</param>
    /// <param name="path">The configuration path of the <c>Managed</c> section, e.g. <c>JwtIssuer:Keys:signing:Managed</c>.</param>
    public static IReadOnlyList<string> Validate(JwtManagedKeyOptions options, string path)
    {
        TryCreate(options, path, out _, out var problems);
        return problems;
    }

    /// <summary>Parses <paramref name="options"/>; false with every problem listed when they are not usable.</summary>
    public static bool TryCreate(JwtManagedKeyOptions options, string path, out ManagedKeySettings settings, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(path);
        var found = new List<string>();
        var algorithm = ParseAlgorithm(options.Algorithm, $"{path}:{nameof(JwtManagedKeyOptions.Algorithm)}", found);
        var rotation = ParseDuration(options.RotationInterval, JwtManagedKeyOptions.DefaultRotationInterval, $"{path}:{nameof(JwtManagedKeyOptions.RotationInterval)}", found);
        var propagation = ParseDuration(options.PropagationTime, JwtManagedKeyOptions.DefaultPropagationTime, $"{path}:{nameof(JwtManagedKeyOptions.PropagationTime)}", found);
        var retention = ParseDuration(options.RetentionTime, JwtManagedKeyOptions.DefaultRetentionTime, $"{path}:{nameof(JwtManagedKeyOptions.RetentionTime)}", found);
        if (rotation is { } r && propagation is { } p && r <= p)
        {
            found.Add($"{path}:{nameof(JwtManagedKeyOptions.PropagationTime)}: \"{options.PropagationTime}\" is not shorter than {nameof(JwtManagedKeyOptions.RotationInterval)} \"{options.RotationInterval}\". " +
                "A key is announced for PropagationTime before it signs and signs until RotationInterval after its creation, so RotationInterval must be longer (the defaults are 90d and 14d).");
        }

        problems = found;
        if (found.Count > 0)
        {
            settings = Default;
            return false;
        }

        settings = new ManagedKeySettings(algorithm!.Value, rotation!.Value, propagation!.Value, retention!.Value);
        return true;
    }

    /// <summary>
    /// The problem when <see cref="RetentionTime"/> is shorter than <paramref name="longestTokenLifetime"/>, the
    /// longest <c>ExpiresIn</c> of the profiles signing with this key: a retired key would leave the JWKS while
    /// tokens it signed are still valid. Null when the retention covers it. A profile without <c>ExpiresIn</c> has
    /// no lifetime to cover; warn about it separately (its tokens outlive every rotation).
    /// </summary>
    /// <param name="path">The configuration path of the <c>Managed</c> section.</param>
    /// <param name="longestTokenLifetime">The longest token lifetime among the profiles using the key.</param>
    /// <param name="profiles">Those profiles' names, for the message.</param>
    public string? CheckRetentionCovers(string path, TimeSpan longestTokenLifetime, string profiles)
        => RetentionTime >= longestTokenLifetime
            ? null
            : $"{path}:{nameof(JwtManagedKeyOptions.RetentionTime)}: {Describe(RetentionTime)} is shorter than the longest token lifetime of the profiles signing with this key ({profiles}: {Describe(longestTokenLifetime)}). " +
              "A retired key leaves the JWKS after RetentionTime, so tokens it signed would stop validating before they expire; set RetentionTime to at least the longest ExpiresIn.";

    private static JwtAlgorithm? ParseAlgorithm(string? text, string path, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return JwtAlgorithm.ES256;
        if (!JwtAlgorithmNames.TryParse(text.Trim(), out var algorithm))
        {
            problems.Add($"{path}: {SensitiveText.QuoteValue(text)} is not a JWS algorithm; write one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512.");
            return null;
        }

        if (JwtAlgorithmNames.Family(algorithm) == JwtAlgorithmFamily.Hmac)
        {
            problems.Add($"{path}: {algorithm} cannot be managed. A managed key is announced in the JWKS before it signs so that other services can validate with it, and an HMAC secret is never published; " +
                "use an asymmetric algorithm (ES256, RS256, PS256, …), or configure the secret yourself with Secret or SecretBase64.");
            return null;
        }

        return algorithm;
    }

    private static TimeSpan? ParseDuration(string? text, string defaultValue, string path, List<string> problems)
    {
        string value = string.IsNullOrWhiteSpace(text) ? defaultValue : text.Trim();
        if (!JwtDuration.TryParseProfileValue(value, out var duration))
        {
            problems.Add($"{path}: {SensitiveText.QuoteValue(text ?? "")} is not a duration; write {DurationParser.GrammarHint}, or a number of seconds.");
            return null;
        }

        var span = duration.ToTimeSpan();
        if (span <= TimeSpan.Zero)
        {
            problems.Add($"{path}: {SensitiveText.QuoteValue(text ?? "")} must be longer than zero.");
            return null;
        }

        return span;
    }

    /// <summary>A duration as people write it back: "14d", "90s", "1500ms".</summary>
    internal static string Describe(TimeSpan duration)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (duration.Ticks % TimeSpan.TicksPerDay == 0) return string.Create(c, $"{duration.Ticks / TimeSpan.TicksPerDay}d");
        if (duration.Ticks % TimeSpan.TicksPerHour == 0) return string.Create(c, $"{duration.Ticks / TimeSpan.TicksPerHour}h");
        if (duration.Ticks % TimeSpan.TicksPerMinute == 0) return string.Create(c, $"{duration.Ticks / TimeSpan.TicksPerMinute}m");
        if (duration.Ticks % TimeSpan.TicksPerSecond == 0) return string.Create(c, $"{duration.Ticks / TimeSpan.TicksPerSecond}s");
        return string.Create(c, $"{duration.TotalMilliseconds:0.###}ms");
    }
}
