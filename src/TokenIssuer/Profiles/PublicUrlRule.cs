namespace TokenIssuer;

/// <summary>
/// What <see cref="JwtIssuerOptions.PublicUrl"/> may be. Other services fetch this app's keys from the URLs
/// built on it, so it is an absolute http(s) URL with no query or fragment, and https outside Development.
/// Checked at start-up with the rest of the options, and by the discovery endpoint on every reload.
/// </summary>
internal static class PublicUrlRule
{
    /// <summary>
    /// The URL without its trailing slash (the base that paths such as <c>/.well-known/jwks.json</c> are
    /// appended to), or null with <paramref name="problem"/> saying what is wrong and where.
    /// </summary>
    public static string? Normalize(string value, string path, bool development, out string? problem)
    {
        problem = null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            problem = $"{path}: {Quote(value)} is not an absolute http(s) URL. Write the address other services reach this app at, with no query, e.g. \"https://id.example.com\".";
            return null;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !development)
        {
            problem = $"{path}: {Quote(value)} is http; outside Development it must be https, because other services fetch this app's keys from it. Write the https address (behind a TLS proxy, the proxy's public one).";
            return null;
        }
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The value for a message; text that is long or looks like a PEM is described, never quoted.</summary>
    private static string Quote(string value)
        => value.Length > 200 || value.Contains("-----", StringComparison.Ordinal) || SensitiveText.LooksLikeKeyMaterial(value) ? $"the value ({value.Length} characters)" : $"\"{value}\"";
}
