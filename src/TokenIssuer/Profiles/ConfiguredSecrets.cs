namespace TokenIssuer;

/// <summary>
/// The <see cref="SensitiveText"/> of one configuration: the texts of its key material (Secret, SecretBase64,
/// Passphrase, the long lines of a Pem, the long strings of a Jwk), and every other value in it that looks like
/// key material (a PEM put in PemFile, a secret put in Algorithm). Messages about this configuration are
/// scrubbed with it, so that no sentence can echo a secret, whichever option it was put in.
/// </summary>
internal static class ConfiguredSecrets
{
    public static SensitiveText Of(JwtIssuerOptions options)
    {
        var texts = new List<string>();
        void Material(string? value) => texts.AddRange(SensitiveText.PiecesOf(value));
        void IfLooksLikeMaterial(string? value)
        {
            if (SensitiveText.LooksLikeKeyMaterial(value)) Material(value);
        }

        foreach (var (name, key) in options.Keys)
        {
            IfLooksLikeMaterial(name);
            Material(key.Pem);
            Material(key.Secret);
            Material(key.SecretBase64);
            Material(key.Jwk);
            Material(key.Passphrase);
            IfLooksLikeMaterial(key.PemFile);
        }
        foreach (var (name, profile) in options.Profiles)
        {
            IfLooksLikeMaterial(name);
            foreach (var value in new[] { profile.Algorithm, profile.SigningKey, profile.ExpiresIn, profile.NotBefore, profile.Issuer, profile.Subject, profile.JwtId })
            {
                IfLooksLikeMaterial(value);
            }
            foreach (var value in profile.Audience.Concat(profile.Header.Keys).Concat(profile.Header.Values).Concat(profile.Claims.Keys).Concat(profile.Claims.Values))
            {
                IfLooksLikeMaterial(value);
            }
        }
        return new SensitiveText(texts);
    }
}
