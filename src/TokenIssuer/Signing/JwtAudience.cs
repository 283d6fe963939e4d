namespace TokenIssuer;

/// <summary>
/// The <c>aud</c> claim set by the <c>audience</c> option: one string, or a list (written as a JSON array
/// even when it holds one value, as jsonwebtoken does).
/// </summary>
public sealed class JwtAudience
{
    private JwtAudience(string? single, IReadOnlyList<object?>? values)
    {
        Single = single;
        Values = values;
    }

    /// <summary>The audience when one string was given; otherwise null.</summary>
    public string? Single { get; }

    /// <summary>The audiences when a list was given; otherwise null.</summary>
    public IReadOnlyList<object?>? Values { get; }

    /// <summary>One audience, written as a JSON string.</summary>
    public static JwtAudience FromString(string audience)
        => new(audience ?? throw new ArgumentNullException(nameof(audience)), null);

    /// <summary>Several audiences, written as a JSON array.</summary>
    public static JwtAudience FromList(IEnumerable<string> audiences)
        => new(null, (audiences ?? throw new ArgumentNullException(nameof(audiences))).Cast<object?>().ToArray());

    /// <summary>
    /// A list of arbitrary JSON values (jsonwebtoken does not check the elements of an audience array).
    /// Each value must be one the payload accepts.
    /// </summary>
    public static JwtAudience FromValues(IEnumerable<object?> values)
        => new(null, (values ?? throw new ArgumentNullException(nameof(values))).ToArray());

    /// <summary>Converts one audience.</summary>
    public static implicit operator JwtAudience(string audience) => FromString(audience);

    /// <summary>Converts a list of audiences.</summary>
    public static implicit operator JwtAudience(string[] audiences) => FromList(audiences);

    /// <inheritdoc/>
    public override string ToString()
        => Single ?? "[" + string.Join(", ", Values!.Select(v => v?.ToString() ?? "null")) + "]";
}
