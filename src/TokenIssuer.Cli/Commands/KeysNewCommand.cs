using System.CommandLine;
using TokenIssuer.Cli.Arguments;

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
            Description = "Write the key to FILE (readable by its owner only) instead of stdout.",
            HelpName = "FILE",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite FILE if it exists." };

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

            bool overwrite = parseResult.GetValue(force);
            if (file.Exists && !overwrite) throw new CliInputException($"\"{file}\" already exists; give --force to overwrite it.");
            Write(file.FullName, text, overwrite);
            Console.Error.WriteLine($"Wrote {Describe(alg, key)} to {file}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes key material, readable and writable by the owner only (on Unix).</summary>
    private static void Write(string path, string text, bool overwrite)
    {
        var options = new FileStreamOptions { Mode = overwrite ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(text);
        }
        // UnixCreateMode only applies to a new file; an overwritten one keeps its mode otherwise.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string Describe(JwtAlgorithm algorithm, SigningKey key) => key.Kind switch
    {
        SigningKeyKind.Symmetric => $"a {key.KeySizeInBits}-bit {JwtAlgorithmNames.Name(algorithm)} secret (base64url)",
        SigningKeyKind.EllipticCurve => $"an EC P-{key.KeySizeInBits} private key for {JwtAlgorithmNames.Name(algorithm)} (PKCS#8 PEM)",
        _ => $"an RSA {key.KeySizeInBits}-bit private key for {JwtAlgorithmNames.Name(algorithm)} (PKCS#8 PEM)",
    };
}
