using System.Collections;
using System.Text;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// A profile's declared per-call claims (<c>Parameters</c>) as the dynamic path checks them: a dictionary passed
/// to <see cref="IJwtIssuer.Issue(string, IReadOnlyDictionary{string, object?})"/> must hold every declared claim
/// that cannot be left out, each of its declared type, and no claim beyond them unless the profile sets
/// <c>AllowUndeclaredClaims</c>. The types are the generator's (<see cref="ClaimParameterTypes"/>), so the dynamic
/// path accepts what the typed <c>Issue{Profile}</c> method would. A call that fits allocates nothing.
/// </summary>
internal sealed class DeclaredClaims
{
    private readonly Parameter[] _parameters;
    private readonly HashSet<string> _names;
    private readonly bool _allowUndeclared;

    private DeclaredClaims(Parameter[] parameters, bool allowUndeclared)
    {
        _parameters = parameters;
        _allowUndeclared = allowUndeclared;
        _names = new HashSet<string>(parameters.Select(p => p.Claim), StringComparer.Ordinal);
    }

    /// <param name="Claim">The claim name.</param>
    /// <param name="Type">The declared type as written (for messages).</param>
    /// <param name="CSharpType">Its canonical C# form (<see cref="ClaimParameterTypes.TryParse"/>).</param>
    /// <param name="Nullable">Declared with a trailing '?': may be left out or null.</param>
    private sealed record Parameter(string Claim, string Type, string CSharpType, bool Nullable);

    /// <summary>The checks of a profile's Parameters; null when it declares none (any claims pass, as before).</summary>
    public static DeclaredClaims? From(JwtProfileOptions profile)
    {
        if (profile.Parameters.Count == 0) return null;
        var parameters = new List<Parameter>();
        foreach (var (claim, type) in profile.Parameters)
        {
            // A type that does not parse is a start-up error already; nothing signs with such a profile.
            if (ClaimParameterTypes.TryParse(type, out string csharpType, out bool nullable)) parameters.Add(new Parameter(claim, type.Trim(), csharpType, nullable));
        }
        return new DeclaredClaims(parameters.ToArray(), profile.AllowUndeclaredClaims);
    }

    /// <summary>Throws, naming every claim that is missing, mistyped or undeclared, unless <paramref name="claims"/> fits.</summary>
    public void Check(string profile, IReadOnlyDictionary<string, object?> claims)
    {
        if (Fits(claims)) return;
        throw Mismatch(profile, claims);
    }

    private bool Fits(IReadOnlyDictionary<string, object?> claims)
    {
        foreach (var parameter in _parameters)
        {
            if (!claims.TryGetValue(parameter.Claim, out var value)) value = null;
            if (!IsOfType(parameter, value)) return false;
        }
        if (_allowUndeclared) return true;
        if (claims is Dictionary<string, object?> dictionary)
        {
            // Dictionary's struct enumerator: no boxed enumerator per token.
            foreach (var name in dictionary.Keys) if (!_names.Contains(name)) return false;
            return true;
        }
        foreach (var (name, _) in claims) if (!_names.Contains(name)) return false;
        return true;
    }

    private JwtSigningException Mismatch(string profile, IReadOnlyDictionary<string, object?> claims)
    {
        var problems = new List<string>();
        string? first = null;
        foreach (var parameter in _parameters)
        {
            bool present = claims.TryGetValue(parameter.Claim, out var value);
            if (IsOfType(parameter, value)) continue;
            first ??= parameter.Claim;
            problems.Add(!present
                ? $"\"{parameter.Claim}\" is missing (declared {parameter.Type})"
                : $"\"{parameter.Claim}\" is {Describe(value)}, not {parameter.Type}");
        }
        if (!_allowUndeclared)
        {
            var undeclared = claims.Keys.Where(name => !_names.Contains(name)).ToList();
            if (undeclared.Count > 0)
            {
                first ??= undeclared[0];
                problems.Add($"{string.Join(", ", undeclared.Select(n => $"\"{n}\""))} {(undeclared.Count == 1 ? "is" : "are")} not declared");
            }
        }

        string declared = string.Join(", ", _parameters.Select(p => $"{p.Claim}: {p.Type}"));
        var message = new StringBuilder()
            .Append($"The claims passed for profile \"{profile}\" do not match its Parameters ({declared}): ")
            .Append(string.Join("; ", problems))
            .Append(". Pass each declared claim with its type; to pass other claims, declare them in Parameters or set the profile's AllowUndeclaredClaims to true.");
        return new JwtSigningException(first ?? "claims", message.ToString());
    }

    /// <summary>What a value is, for the message: its type, never the value itself.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        JsonElement element => $"a JSON {element.ValueKind.ToString().ToLowerInvariant()}",
        _ => $"of type {value.GetType().Name}",
    };

    private static bool IsOfType(Parameter parameter, object? value)
    {
        if (value is null || value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }) return parameter.Nullable;
        return parameter.CSharpType switch
        {
            "string" => value is string || value is JsonElement { ValueKind: JsonValueKind.String },
            "bool" => value is bool || value is JsonElement { ValueKind: JsonValueKind.True or JsonValueKind.False },
            "int" => value is JsonElement e ? e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _) : Integer(value) is { } i && i >= int.MinValue && i <= int.MaxValue,
            "long" => value is JsonElement e ? e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _) : Integer(value) is not null,
            "double" or "decimal" => value is JsonElement e ? e.ValueKind == JsonValueKind.Number : Integer(value) is not null || value is double or float or decimal,
            "global::System.Guid" => value is Guid || value is string s && Guid.TryParseExact(s, "D", out _)
                || value is JsonElement { ValueKind: JsonValueKind.String } g && Guid.TryParseExact(g.GetString(), "D", out _),
            "global::System.DateTimeOffset" => value is DateTimeOffset or DateTime,
            _ => IsStringList(value),
        };
    }

    /// <summary>An integer of any CLR integral type that fits a long; null for anything else.</summary>
    private static long? Integer(object value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul when ul <= long.MaxValue => (long)ul,
        _ => null,
    };

    private static bool IsStringList(object value)
    {
        if (value is string) return false;
        if (value is JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array) return false;
            foreach (var item in element.EnumerateArray()) if (item.ValueKind != JsonValueKind.String) return false;
            return true;
        }
        if (value is IEnumerable<string>) return true;
        if (value is not IEnumerable items) return false;
        foreach (var item in items) if (item is not string) return false;
        return true;
    }
}
