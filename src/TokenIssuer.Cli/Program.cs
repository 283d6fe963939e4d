using System.CommandLine;
using System.CommandLine.Invocation;
using TokenIssuer.Cli;
using TokenIssuer.Cli.Commands;

var root = new RootCommand(
    "tokenissuer: sign JSON Web Tokens the way jsonwebtoken's jwt.sign() does (HS/RS/PS/ES; no unsigned tokens), " +
    "decode and verify them, and create signing keys; and, from an app's own configuration, sign tokens of its profiles, " +
    "list its profiles and print its JWKS." + Environment.NewLine +
    "Exit codes: 0 success; 1 the token or key could not be made or read, or a signature is not valid; " +
    "2 the command line is wrong.")
{
    SignCommand.Create(),
    DecodeCommand.Create(),
    KeysCommand.Create(),
    TokenCommand.Create(),
    ProfilesCommand.Create(),
    JwksCommand.Create(),
};

var parseResult = root.Parse(args);
if (parseResult.Action is ParseErrorAction)
{
    UsageErrors.Write(parseResult);
    return ExitCodes.Usage;
}

return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
