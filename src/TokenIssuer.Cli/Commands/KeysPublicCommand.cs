using System.CommandLine;
using System.Text.Json;
using TokenIssuer.Cli.Arguments;
using TokenIssuer.Cli.Verification;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// <c>tokenissuer keys public --key-file F [--jwk]</c>: the public key of a private or public key file, as a
/// PEM SubjectPublicKeyInfo, or as a JWK whose <c>kid</c> is its RFC 7638 thumbprint (the kid the runtime's
/// JWKS gives a key with no configured <c>KeyId</c>), to hand to whoever verifies the tokens.
/// </summary>
internal static class KeysPublicCommand
{
    public static Command Create()
    {
        var keyFile = new Option<string>("--key-file")
        {
            Description = "The key file: a PEM private key (PKCS#8, PKCS#1, SEC1, encrypted PKCS#8), a PEM public key or certificate, or a JWK.",
            HelpName = "PATH",
            Required = true,
        };
        var jwk = new Option<bool>("--jwk") { Description = "Print a public JWK (kty, its parameters, and kid = the RFC 7638 thumbprint) instead of PEM." };
        var passphraseEnv = new Option<string>("--passphrase-env")
        {
            Description = "Read the passphrase of an encrypted PEM key (BEGIN ENCRYPTED PRIVATE KEY) from the environment variable NAME.",
            HelpName = "NAME",
        };
        var command = new Command("public",
            "Print the public key of a key file: PEM (BEGIN PUBLIC KEY), or with --jwk a JWK with kid = its RFC 7638 thumbprint. " +
            "An HMAC secret has no public key.")
        {
            keyFile, jwk, passphraseEnv,
        };

        CommandAction.Set(command, parseResult =>
        {
            string? passphrase = null;
            if (parseResult.GetValue(passphraseEnv) is { } name)
            {
                passphrase = Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                    ? value
                    : throw new CliInputException($"--passphrase-env {name}: the environment variable {name} is not set or empty.");
            }
            using var key = VerificationKeys.Read(new KeySource(KeySourceKind.File, parseResult.GetValue(keyFile)!, passphrase), tokenKeyId: null);
            if (!parseResult.GetValue(jwk))
            {
                string pem = key.ExportPublicKeyPem();
                Console.Out.Write(pem.EndsWith('\n') ? pem : pem + "\n");
                return ExitCodes.Success;
            }

            var members = key.PublicJwk();
            using var stdout = Console.OpenStandardOutput();
            using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                foreach (var (member, value) in members) writer.WriteString(member, value);
                writer.WriteString("kid", JwkThumbprint.Compute(members));
                writer.WriteString("use", "sig");
                writer.WriteEndObject();
            }
            stdout.WriteByte((byte)'\n');
            return ExitCodes.Success;
        });
        return command;
    }
}
