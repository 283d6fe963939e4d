using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenIssuer;

/// <summary>The registered time claims a payload already carries; jsonwebtoken checks they are numbers.</summary>
internal readonly record struct PayloadTimeClaims(double? IatValue, bool HasIat, bool HasExp, bool HasNbf)
{
    /// <exception cref="JwtSigningException">A time claim of the payload is not a number.</exception>
    public static PayloadTimeClaims Read(IReadOnlyDictionary<string, object?> payload)
    {
        // Lookups rather than a walk over every claim: three hash probes, and no enumerator.
        bool hasIat = payload.TryGetValue(RegisteredClaimNames.IssuedAt, out var iatValue);
        bool hasExp = payload.TryGetValue(RegisteredClaimNames.Expires, out var expValue);
        bool hasNbf = payload.TryGetValue(RegisteredClaimNames.NotBefore, out var nbfValue);
        double iat = 0;
        if ((hasIat && !TryGetNumber(iatValue, out iat))
            || (hasExp && !TryGetNumber(expValue, out _))
            || (hasNbf && !TryGetNumber(nbfValue, out _)))
        {
            throw FirstBadTimeClaim(payload);
        }
        return new PayloadTimeClaims(hasIat ? iat : null, hasIat, hasExp, hasNbf);
    }

    /// <summary>
    /// The token's issue time: jsonwebtoken's <c>timestamp = payload.iat || now</c>, so a zero (or NaN)
    /// <c>iat</c> is replaced by the clock.
    /// </summary>
    public double IssuedAt(TimeProvider time) => IatValue is double iat && iat != 0 && !double.IsNaN(iat) ? iat : TokenTimes.Now(time);

    /// <summary>jsonwebtoken checks the claims in the payload's order, so the first bad one is the one reported.</summary>
    private static JwtSigningException FirstBadTimeClaim(IReadOnlyDictionary<string, object?> payload)
    {
        foreach (var (name, value) in payload)
        {
            if (RegisteredClaimNames.IsTimeClaim(name) && !TryGetNumber(value, out _)) return SigningErrors.PayloadClaimNotNumber(name);
        }
        throw new InvalidOperationException("A time claim was found not to be a number, and then not found.");
    }

    /// <summary>Reads a value as a JSON number, as lodash's <c>isNumber</c> would accept it.</summary>
    private static bool TryGetNumber(object? value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case float f: number = f; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case short s: number = s; return true;
            case byte b: number = b; return true;
            case sbyte sb: number = sb; return true;
            case ushort us: number = us; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul; return true;
            case decimal m: number = (double)m; return true;
            case JsonElement { ValueKind: JsonValueKind.Number } element: number = element.GetDouble(); return true;
            case JsonValue node when node.GetValueKind() == JsonValueKind.Number: number = node.GetValue<double>(); return true;
            default: number = 0; return false;
        }
    }
}
