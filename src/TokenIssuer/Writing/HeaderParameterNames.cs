namespace TokenIssuer;

/// <summary>The JOSE header parameters (RFC 7515 §4.1) every token header starts with.</summary>
internal static class HeaderParameterNames
{
    public const string Algorithm = "alg";
    public const string Type = "typ";
    public const string KeyId = "kid";
}
