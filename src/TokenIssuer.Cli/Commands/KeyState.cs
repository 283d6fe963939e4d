using TokenIssuer.Cli.Apps;

namespace TokenIssuer.Cli.Commands;

/// <summary>A profile's signing key and its state, as <c>profiles list</c> shows it.</summary>
internal static class KeyState
{
    public static string Describe(string name, JwtProfileOptions profile, JwtAlgorithm? algorithm, JwtIssuerOptions options, AppIssuer app, string developmentKeys)
    {
        if (!string.IsNullOrWhiteSpace(profile.SigningKey))
        {
            string keyName = profile.SigningKey.Trim();
            if (!options.Keys.TryGetValue(keyName, out var key)) return $"{keyName} (not under JwtIssuer:Keys)";
            if (key.Managed is not null) return $"{keyName}: managed (generated and rotated by the app in its key store)";
            if (!string.IsNullOrWhiteSpace(key.PemFile))
            {
                string path = Path.Combine(app.Project.ContentRoot, key.PemFile);
                return $"{keyName}: file {key.PemFile} ({(File.Exists(path) ? "present" : "missing")})";
            }
            string source = !string.IsNullOrWhiteSpace(key.Pem) ? "Pem" : !string.IsNullOrWhiteSpace(key.Jwk) ? "Jwk"
                : !string.IsNullOrWhiteSpace(key.Secret) ? "Secret" : !string.IsNullOrWhiteSpace(key.SecretBase64) ? "SecretBase64" : "no material";
            return $"{keyName}: configured ({source})";
        }
        if (!app.IsDevelopment) return $"(none: outside Development a profile needs a SigningKey; this is {app.Environment})";
        var store = new DevelopmentKeyStore(developmentKeys);
        string file = store.PathFor(name, algorithm ?? JwtAlgorithm.HS256);
        return File.Exists(file) ? $"development key, present ({file})" : $"development key, not yet created ({file}; the app or 'token create' creates it)";
    }
}
