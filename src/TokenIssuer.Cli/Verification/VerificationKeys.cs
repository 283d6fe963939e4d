using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli.Verification;

/// <summary>
/// Turns the key given to <c>decode</c> into the runtime's <see cref="VerificationKey"/>: a secret, or a
/// key file holding a PEM key or certificate, a JWK, or a JWK set (the key whose kid is the token's).
/// </summary>
internal static class VerificationKeys
{
    public static VerificationKey Read(KeySource source, string? tokenKeyId) => source.Load(
        secret: VerificationKey.FromSecret,
        base64Secret: VerificationKey.FromBase64Secret,
        jwk: text => PublicKeyReader.ReadJwk(text, source.Value, tokenKeyId),
        pem: text => PublicKeyReader.ReadPem(text, source.Value, source.Passphrase));
}
