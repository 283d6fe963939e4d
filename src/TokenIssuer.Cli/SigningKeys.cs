using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli;

/// <summary>Turns the key given to <c>sign</c> into a <see cref="SigningKey"/>.</summary>
internal static class SigningKeys
{
    public static SigningKey Load(KeySource source) => source.Load(
        secret: text => SigningKey.FromSecret(text),
        base64Secret: text => SigningKey.FromBase64Secret(text),
        jwk: text => source.Passphrase is null
            ? SigningKey.FromJwk(text)
            : throw new CliUsageException("--passphrase-env applies to an encrypted PEM key, but the key file is a JWK."),
        // The runtime reads the file again itself, so that its messages name the file.
        pem: _ => SigningKey.FromPemFile(source.Value, source.Passphrase));
}
