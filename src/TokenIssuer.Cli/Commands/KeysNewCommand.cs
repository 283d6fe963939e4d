using System.CommandLine;
using TokenIssuer.Cli.Arguments;
using TokenIssuer.Cli.Files;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// <c>tokenissuer keys new --alg ALG [--out FILE]</c>: a fresh key for the algorithm, as PKCS#8 PEM (RSA
/// 2048 for RS*/PS*, the algorithm's curve for ES*) or, for HS*, a base64url secret as long as the hash.
/// </summary>
internal static class KeysNewCommand
{
    public static Command Create()
    {
        var algorithm = new Option<JwtAlgorithm?>("--alg")
        {
            Description = $"The algorithm the key is for: {AlgorithmArgument.List}.",
            HelpName = "ALG",
            Required = true,
            CustomParser = AlgorithmArgument.Parse,
        };
        algorithm.CompletionSources.Add(JwtAlgorithmNames.All);
        var output = new Option<FileInfo>("--out")
        {
            Description = "Write the key to FILE instead of stdout: a new file readable by its owner only (0600), its folder created (0700) if missing.",
            HelpName = "FILE",
        };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists (a regular file only; it is replaced by a new file, never written through)." };

        var command = new Command("new",
            "Create a private key: PKCS#8 PEM (RSA 2048-bit for RS*/PS*; P-256, P-384 or P-521 for ES256/384/512), " +
            "or for HS* a random secret as long as the hash, in base64url (sign with it using --secret-base64).")
        {
            algorithm, output, force,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(force) is not null && result.GetResult(output) is null) result.AddError("--force only applies with --out FILE.");
        });

        CommandAction.Set(command, parseResult =>
        {
            var alg = parseResult.GetValue(algorithm)!.Value;
            using var key = SigningKey.Generate(alg);
            string text = key.ExportPrivateKey();
            if (!text.EndsWith('\n')) text += "\n";

            if (parseResult.GetValue(output) is not { } file)
            {
                Console.Out.Write(text);
                return ExitCodes.Success;
            }

            bool createdFolder = KeyFileWriter.Write(file.ToString(), text, parseResult.GetValue(force));
            if (createdFolder) Console.Error.WriteLine($"Created the folder {Path.GetDirectoryName(file.FullName)} (readable by its owner only).");
            Console.Error.WriteLine($"Wrote {Describe(alg, key)} to {file}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(JwtAlgorithm algorithm, SigningKey key) => key.Kind switch
    {
        SigningKeyKind.Symmetric => $"a {key.KeySizeInBits}-bit {JwtAlgorithmNames.Name(algorithm)} secret (base64url)",
        SigningKeyKind.EllipticCurve => $"an EC P-{key.KeySizeInBits} private key for {JwtAlgorithmNames.Name(algorithm)} (PKCS#8 PEM)",
        _ => $"an RSA {key.KeySizeInBits}-bit private key for {JwtAlgorithmNames.Name(algorithm)} (PKCS#8 PEM)",
    };
}
