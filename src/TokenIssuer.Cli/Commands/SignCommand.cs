using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using TokenIssuer.Cli.Arguments;
using TokenIssuer.Cli.Batch;
using TokenIssuer.Cli.Input;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// <c>tokenissuer sign</c>: signs one token from flags, or (<c>--batch</c>) answers JSON-lines requests
/// on stdin. The semantics are the runtime's, which are jsonwebtoken's <c>jwt.sign()</c>.
/// </summary>
internal sealed class SignCommand
{
    private readonly Option<JwtAlgorithm?> _algorithm = new("--alg")
    {
        Description = $"The algorithm: {AlgorithmArgument.List}. Default: from the key (a secret: HS256; RSA: RS256; RSASSA-PSS: PS256; EC: ES256/ES384/ES512 by curve; a JWK: its \"alg\").",
        HelpName = "ALG",
        CustomParser = AlgorithmArgument.Parse,
    };
    private readonly Option<string> _payload = new("--payload")
    {
        Description = "The payload as JSON: an object of claims, or a JSON string to sign a string payload ('\"hello\"'). '-' reads it from stdin. Default: {}.",
        HelpName = "JSON",
    };
    private readonly Option<ClaimArgument[]> _claims = new("--claim")
    {
        Description = ClaimArgument.Help,
        HelpName = "NAME=VALUE|NAME:=JSON",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ClaimArgument.ParseAll,
    };
    private readonly KeySourceOptions _keys = new(
        "The private key: a PEM file (PKCS#8, PKCS#1, SEC1, or encrypted PKCS#8 with --passphrase-env), or a JWK if the file starts with '{'.");
    private readonly Option<JwtDuration?> _expiresIn = new("--expires-in")
    {
        Description = $"Set exp = iat + this: {DurationArgument.Help}.",
        HelpName = "DURATION",
        CustomParser = DurationArgument.Parse,
    };
    private readonly Option<JwtDuration?> _notBefore = new("--not-before")
    {
        Description = $"Set nbf = iat + this: {DurationArgument.Help}.",
        HelpName = "DURATION",
        CustomParser = DurationArgument.Parse,
    };
    private readonly Option<string[]> _audience = new("--audience")
    {
        Description = "The aud claim (repeatable): one gives a string, several give an array.",
        HelpName = "AUD",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<string> _issuer = new("--issuer") { Description = "The iss claim.", HelpName = "ISS" };
    private readonly Option<string> _subject = new("--subject") { Description = "The sub claim.", HelpName = "SUB" };
    private readonly Option<string> _jwtId = new("--jwt-id") { Description = "The jti claim.", HelpName = "JTI" };
    private readonly Option<bool> _noTimestamp = new("--no-timestamp") { Description = "Leave out the iat claim (even one given in the payload)." };
    private readonly Option<string> _header = new("--header")
    {
        Description = "A JSON object merged over the header {alg, typ, kid}, e.g. '{\"typ\":\"at+jwt\"}'. An \"alg\" here wins over --alg.",
        HelpName = "JSON",
    };
    private readonly Option<string> _keyId = new("--key-id") { Description = "The kid header (default: the JWK's kid, if any).", HelpName = "KID" };
    private readonly Option<bool> _allowInsecureKeySizes = new("--allow-insecure-key-sizes") { Description = "Allow RSA keys below 2048 bits. Insecure: for legacy keys only." };
    private readonly Option<bool> _allowInvalidKeyTypes = new("--allow-invalid-asymmetric-key-types") { Description = "Skip the check that the key type and EC curve fit the algorithm." };
    private readonly Option<FixedClock?> _now = new("--now")
    {
        Description = "Sign as if the clock read UNIX_SECONDS (sets iat, and the base of exp and nbf). Default: the system clock.",
        HelpName = "UNIX_SECONDS",
        CustomParser = ParseNow,
    };
    private readonly Option<bool> _batch = new("--batch")
    {
        Description = "Answer signing requests from stdin, one JSON line each ({\"id\",\"now\",\"payload\",\"key\",\"options\"} with jsonwebtoken's options), with one JSON line each on stdout ({\"id\",\"token\"} or {\"id\",\"error\"}), until end of input. Takes no other flag.",
    };

    public static Command Create() => new SignCommand().Build();

    private Command Build()
    {
        var command = new Command("sign",
            "Sign a JSON Web Token with jsonwebtoken's jwt.sign() semantics and print it on stdout. Examples:\n" +
            "  tokenissuer sign --key-file es256.pem --claim sub=u-42 --claim admin:=true --expires-in 15m --audience api\n" +
            "  tokenissuer sign --secret-env JWT_SECRET --payload '{\"sub\":\"u-42\"}' --issuer https://id.example.com")
        {
            _algorithm, _payload, _claims,
        };
        _keys.AddTo(command);
        Option[] rest = [_expiresIn, _notBefore, _audience, _issuer, _subject, _jwtId, _noTimestamp, _header, _keyId,
            _allowInsecureKeySizes, _allowInvalidKeyTypes, _now, _batch];
        foreach (var option in rest) command.Options.Add(option);

        command.Validators.Add(Validate);
        CommandAction.Set(command, Run);
        return command;
    }

    private void Validate(CommandResult result)
    {
        if (!result.GetValue(_batch))
        {
            _keys.Validate(result, required: true);
            return;
        }
        var others = result.Children.OfType<OptionResult>()
            .Where(option => option.Option != _batch && !option.Implicit)
            .Select(option => option.Option.Name)
            .ToList();
        if (others.Count > 0)
        {
            result.AddError($"--batch reads the key, payload, options and clock of each request from stdin; it takes no other flag (got {string.Join(", ", others)}).");
        }
    }

    private int Run(ParseResult parseResult)
    {
        if (parseResult.GetValue(_batch)) return BatchSigner.Run(Console.OpenStandardInput(), StandardStreams.OpenOutput(), TimeProvider.System);

        // JSON values stay in their documents until the token is written.
        var documents = new List<JsonDocument>();
        try
        {
            var options = ReadOptions(parseResult, documents);
            JsonElement? payload = parseResult.GetValue(_payload) is { } payloadText
                ? Parse(JsonArgument.ReadValueOrStdin(payloadText, "--payload"), "--payload", documents)
                : null;
            var claims = parseResult.GetValue(_claims) ?? [];

            var source = _keys.Read(parseResult)!;
            using var key = SigningKeys.Load(source);
            string token;
            if (payload is { ValueKind: not JsonValueKind.Object } otherPayload)
            {
                // A string (or number, boolean) payload is signed as it is; null and arrays are refused by the signer.
                if (claims.Length > 0)
                {
                    throw new CliUsageException($"--claim adds claims to an object payload, but --payload is a JSON {otherPayload.ValueKind.ToString().ToLowerInvariant()}.");
                }
                token = JwtSigner.Sign(otherPayload, key, options);
            }
            else
            {
                var payloadClaims = payload is { } objectPayload
                    ? JsonSignOptionsReader.ReadObject(objectPayload)
                    : new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var claim in claims)
                {
                    payloadClaims[claim.Name] = claim.IsJson ? Parse(claim.Value, $"The value of --claim {claim.Name}:=", documents) : claim.Value;
                }
                token = JwtSigner.Sign(payloadClaims, key, options);
            }

            Console.Out.WriteLine(token);
            foreach (string warning in SignWarnings.For(token, key, (options.TimeProvider ?? TimeProvider.System).GetUtcNow()))
            {
                Console.Error.WriteLine(warning);
            }
            if (source.PlaceholderWarning() is { } placeholder) Console.Error.WriteLine(placeholder);
            return ExitCodes.Success;
        }
        finally
        {
            foreach (var document in documents) document.Dispose();
        }
    }

    private JwtSignOptions ReadOptions(ParseResult parseResult, List<JsonDocument> documents)
    {
        var options = new JwtSignOptions
        {
            Algorithm = parseResult.GetValue(_algorithm),
            ExpiresIn = parseResult.GetValue(_expiresIn),
            NotBefore = parseResult.GetValue(_notBefore),
            Issuer = parseResult.GetValue(_issuer),
            Subject = parseResult.GetValue(_subject),
            JwtId = parseResult.GetValue(_jwtId),
            KeyId = parseResult.GetValue(_keyId),
            NoTimestamp = parseResult.GetValue(_noTimestamp),
            AllowInsecureKeySizes = parseResult.GetValue(_allowInsecureKeySizes),
            AllowInvalidAsymmetricKeyTypes = parseResult.GetValue(_allowInvalidKeyTypes),
            TimeProvider = parseResult.GetValue(_now),
        };
        if (parseResult.GetValue(_audience) is { Length: > 0 } audiences)
        {
            options.Audience = audiences.Length == 1 ? JwtAudience.FromString(audiences[0]) : JwtAudience.FromList(audiences);
        }
        if (parseResult.GetValue(_header) is { } headerText)
        {
            var header = Parse(headerText, "--header", documents);
            if (header.ValueKind != JsonValueKind.Object) throw new CliInputException("--header must be a JSON object, such as '{\"typ\":\"at+jwt\"}'.");
            options.Header = JsonSignOptionsReader.ReadObject(header);
        }
        return options;
    }

    private static JsonElement Parse(string json, string what, List<JsonDocument> documents)
    {
        var document = JsonArgument.Parse(json, what);
        documents.Add(document);
        return document.RootElement;
    }

    private static FixedClock? ParseNow(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds)
            && FixedClock.TryFromUnixSeconds(seconds, out var clock))
        {
            return clock;
        }
        result.AddError($"--now {SensitiveText.QuoteShort(text)} is not a time: give whole {FixedClock.RangeHint}.");
        return null;
    }
}
