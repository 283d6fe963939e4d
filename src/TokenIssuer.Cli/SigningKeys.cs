using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli;

/// <summary>Turns the key given to <c>sign</c> into a <see cref="SigningKey"/>.</summary>
internal static class SigningKeys
{
    public static SigningKey Load(KeySource source)
    {
        switch (source.Kind)
        {
            case KeySourceKind.Secret:
                return SigningKey.FromSecret(source.Value);
            case KeySourceKind.Base64Secret:
                return SigningKey.FromBase64Secret(source.Value);
            default:
                string text = KeySourceOptions.ReadKeyFile(source.Value);
                if (!KeySource.LooksLikeJson(text)) return SigningKey.FromPemFile(source.Value, source.Passphrase);
                if (source.Passphrase is not null) throw new CliUsageException("--passphrase-env applies to an encrypted PEM key, but the key file is a JWK.");
                return SigningKey.FromJwk(text);
        }
    }
}
