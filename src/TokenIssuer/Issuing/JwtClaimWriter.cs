using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// The low-level claim writer the generated <c>Issue{Profile}</c> methods use: each call writes one claim
/// straight into the token's JSON (no dictionary, no boxing, no reflection). A null value leaves the
/// claim out. Writing a claim the profile already sets is an error, as it is for
/// <see cref="IJwtIssuer.Issue(string, IReadOnlyDictionary{string, object?})"/>.
/// </summary>
public readonly struct JwtClaimWriter
{
    private readonly Utf8JsonWriter _writer;
    private readonly SigningPlan _plan;
    private readonly TokenScratch _scratch;

    internal JwtClaimWriter(Utf8JsonWriter writer, SigningPlan plan, TokenScratch scratch)
    {
        _writer = writer;
        _plan = plan;
        _scratch = scratch;
    }

    /// <summary>Writes a string claim; null leaves it out.</summary>
    public void WriteString(string name, string? value)
    {
        if (value is null) return;
        CheckName(name);
        ClaimValueWriter.EnsureEncodable(value, name);
        _writer.WriteString(name, value); // name and value in one call: less of the writer's work per member
    }

    /// <summary>Writes a boolean claim.</summary>
    public void WriteBoolean(string name, bool value)
    {
        Name(name);
        _writer.WriteBooleanValue(value);
    }

    /// <summary>Writes a boolean claim; null leaves it out.</summary>
    public void WriteBoolean(string name, bool? value)
    {
        if (value is { } v) WriteBoolean(name, v);
    }

    /// <summary>Writes a number claim.</summary>
    public void WriteNumber(string name, long value)
    {
        Name(name);
        _writer.WriteNumberValue(value);
    }

    /// <summary>Writes a number claim; null leaves it out.</summary>
    public void WriteNumber(string name, long? value)
    {
        if (value is { } v) WriteNumber(name, v);
    }

    /// <summary>Writes a number claim (NaN and infinities are written as null, as JSON.stringify does).</summary>
    public void WriteNumber(string name, double value)
    {
        Name(name);
        ClaimValueWriter.WriteNumber(_writer, value);
    }

    /// <summary>Writes a number claim; null leaves it out.</summary>
    public void WriteNumber(string name, double? value)
    {
        if (value is { } v) WriteNumber(name, v);
    }

    /// <summary>Writes a number claim.</summary>
    public void WriteNumber(string name, decimal value)
    {
        Name(name);
        _writer.WriteNumberValue(value);
    }

    /// <summary>Writes a number claim; null leaves it out.</summary>
    public void WriteNumber(string name, decimal? value)
    {
        if (value is { } v) WriteNumber(name, v);
    }

    /// <summary>Writes a GUID as its string form ("d").</summary>
    public void WriteGuid(string name, Guid value)
    {
        Name(name);
        _writer.WriteStringValue(value);
    }

    /// <summary>Writes a GUID; null leaves it out.</summary>
    public void WriteGuid(string name, Guid? value)
    {
        if (value is { } v) WriteGuid(name, v);
    }

    /// <summary>Writes a NumericDate: whole seconds since the Unix epoch (RFC 7519 §2).</summary>
    public void WriteNumericDate(string name, DateTimeOffset value)
    {
        Name(name);
        _writer.WriteNumberValue(value.ToUnixTimeSeconds());
    }

    /// <summary>Writes a NumericDate; null leaves it out.</summary>
    public void WriteNumericDate(string name, DateTimeOffset? value)
    {
        if (value is { } v) WriteNumericDate(name, v);
    }

    /// <summary>Writes an array of strings; null leaves it out.</summary>
    public void WriteStringArray(string name, IEnumerable<string>? values)
    {
        if (values is null) return;
        Name(name);
        _writer.WriteStartArray();
        foreach (var value in values) ClaimValueWriter.WriteString(_writer, value, name);
        _writer.WriteEndArray();
    }

    /// <summary>Writes any value the dynamic path accepts (strings, numbers, lists, dictionaries, JsonElement…).</summary>
    public void WriteValue(string name, object? value)
    {
        if (value is null) return;
        Name(name);
        ClaimValueWriter.Write(_writer, value, name);
    }

    /// <summary>A dynamic-path claim: unlike <see cref="WriteValue"/>, a null value is written as JSON null.</summary>
    internal void WriteClaim(string name, object? value)
    {
        Name(name);
        ClaimValueWriter.Write(_writer, value, name);
    }

    /// <summary>The dynamic path's check of a whole dictionary against the profile's declared Parameters (none: nothing to check).</summary>
    internal void CheckDeclared(IReadOnlyDictionary<string, object?> claims) => _plan.ClaimRules.Declared?.Check(_plan.Profile, claims);

    private void Name(string name)
    {
        CheckName(name);
        _writer.WritePropertyName(name);
    }

    private void CheckName(string name)
    {
        _plan.CheckClaimName(name);
        if (!_scratch.TryAddClaimName(name)) throw IssueErrors.DuplicateClaim(_plan.Profile, name);
    }
}
