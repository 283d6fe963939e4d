using System.Security.Cryptography;
using Microsoft.CodeAnalysis;
using static TokenIssuer.Generator.Tests.DiagnosticAssert;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// One test (or a few) per diagnostic TKI001–TKI017 (the later ones have test files of their own): id, severity, file, the 1-based line and column of the
/// offending JSON token or attribute argument, and a key phrase of the message.
/// </summary>
public sealed class DiagnosticTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    // ---- clean input -------------------------------------------------------------------------------

    [Fact]
    public void CleanFileNoDiagnostics()
    {
        var run = Run(DesignExample.AppSettings, DesignExample.RefreshClaims);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotNull(run.GeneratedSource);
    }

    [Fact]
    public void CommentsAndTrailingCommasAreAccepted()
    {
        const string json = """
            // appsettings.json as the JSON configuration provider reads it
            {
              /* the token profiles */
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS256", "ExpiresIn": "15m", }, // trailing comma
                  "Other": { "Audience": [ "a", "b", ], },
                },
              },
            }
            """;
        var run = Run(json);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("IssueAccess", run.GeneratedSource);
        Assert.Contains("IssueOther", run.GeneratedSource);
    }

    // ---- TKI001 malformed JSON ---------------------------------------------------------------------

    [Fact]
    public void TKI001MissingComma()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS256" "ExpiresIn": "15m" }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI001");
        Is(d, "TKI001", Error, AppSettingsPath, json, "\"ExpiresIn\"", spanCoversToken: false);
        Assert.Equal(4, d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(40, d.Location.GetLineSpan().StartLinePosition.Character + 1);
        Says(d, "appsettings.json is not valid JSON");
        Says(d, "',' or '}' was expected");
        Assert.Null(run.GeneratedSource);
    }

    [Fact]
    public void TKI001StringNotClosedBeforeTheEndOfTheLine()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Issuer": "https://id.example.com }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI001");
        // The offending token is the string that is never closed: the diagnostic belongs at its opening quote.
        Is(d, "TKI001", Error, AppSettingsPath, json, "\"https://id.example.com", spanCoversToken: false);
        Says(d, "appsettings.json is not valid JSON");
        Says(d, "string");
    }

    [Fact]
    public void TKI001StringNotClosedBeforeTheEndOfTheFile()
    {
        const string json = "{\n  \"JwtIssuer\": {\n    \"Profiles\": \"Access";
        var run = Run(json);

        var d = Single(run, "TKI001");
        Is(d, "TKI001", Error, AppSettingsPath, json, "\"Access", spanCoversToken: false);
        Says(d, "Unterminated string");
    }

    [Theory]
    [InlineData("{\n  \"JwtIssuer\": {\n    \"Profiles\": { \"Access\": { \"Issuer\": \"https://id.example.com }\n  }\n}", 3, "Unterminated string")]
    [InlineData("{\n  \"JwtIssuer\": {\n    \"Profiles\": \"Access", 3, "Unterminated string")]
    public void TKI001UnterminatedStringIsReportedOnItsLine(string json, int line, string phrase)
    {
        // The exact column is checked by the two (skipped) tests above.
        var run = Run(json);

        var d = Single(run, "TKI001");
        Assert.Equal(Error, d.Severity);
        Assert.Equal(AppSettingsPath, d.Location.GetLineSpan().Path);
        Assert.Equal(line, d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Says(d, "appsettings.json is not valid JSON");
        Says(d, phrase);
        Assert.Null(run.GeneratedSource);
    }

    // ---- TKI002 unknown algorithm ------------------------------------------------------------------

    [Fact]
    public void TKI002UnknownAlgorithmWithSuggestion()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS265", "ExpiresIn": "15m" }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI002");
        Is(d, "TKI002", Error, AppSettingsPath, json, "\"HS265\"");
        Says(d, "JwtIssuer:Profiles:Access:Algorithm: \"HS265\" is not an algorithm. Use one of HS256, HS384, HS512");
        Says(d, "Did you mean \"HS256\"?");
    }

    [Fact]
    public void TKI002NoneIsRefused()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Open": {
                    "Algorithm": "none"
                  }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI002");
        Is(d, "TKI002", Error, AppSettingsPath, json, "\"none\"");
        Says(d, "JwtIssuer:Profiles:Open:Algorithm: \"none\" (unsigned tokens) is not supported. Use one of HS256");
    }

    [Fact]
    public void TKI002AttributeAlgorithmOutOfRange()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh", Algorithm = (JwtAlgorithm)42)]
            public record RefreshClaims(string Sub);
            """;
        var run = Run(null, csharp);

        var d = Single(run, "TKI002");
        Is(d, "TKI002", Error, SourcePath, csharp, "Algorithm = (JwtAlgorithm)42");
        Says(d, "[JwtProfile(\"Refresh\")] Algorithm: \"42\" is not an algorithm. Use one of HS256");
    }

    // ---- TKI003 unparseable duration ---------------------------------------------------------------

    [Fact]
    public void TKI003BadDurationInJson()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "Algorithm": "HS256",
                    "ExpiresIn": "15 minutes later",
                    "NotBefore": "30s"
                  }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI003");
        Is(d, "TKI003", Error, AppSettingsPath, json, "\"15 minutes later\"");
        Says(d, "JwtIssuer:Profiles:Access:ExpiresIn: \"15 minutes later\" is not a duration. Write a number with a unit");
    }

    [Fact]
    public void TKI003BadDurationInAttribute()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh", Algorithm = JwtAlgorithm.HS256,
                NotBefore = "soon")]
            public record RefreshClaims(string Sub);
            """;
        var run = Run(null, csharp);

        var d = Single(run, "TKI003");
        Is(d, "TKI003", Error, SourcePath, csharp, "NotBefore = \"soon\"");
        Assert.Equal((4, 5), (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1));
        Says(d, "[JwtProfile(\"Refresh\")] NotBefore: \"soon\" is not a duration");
    }

    [Fact]
    public void TKI003BadDurationJsonNumberInExponentForm()
    {
        // Configuration hands the number over as its text, "1e3", which the runtime's duration parser refuses
        // at start-up; the build should say so where the number is.
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS256", "ExpiresIn": 1e3 }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI003");
        Is(d, "TKI003", Error, AppSettingsPath, json, "1e3");
        Says(d, "JwtIssuer:Profiles:Access:ExpiresIn: \"1e3\" is not a duration");
    }

    // ---- TKI004 unknown option ---------------------------------------------------------------------

    [Fact]
    public void TKI004UnknownOptionInProfile()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "Algorithm": "HS256",
                    "ExpireIn": "15m"
                  }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI004");
        Is(d, "TKI004", Error, AppSettingsPath, json, "\"ExpireIn\"");
        Assert.Equal((6, 9), (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1));
        Says(d, "JwtIssuer:Profiles:Access:ExpireIn: \"ExpireIn\" is not an option");
        Says(d, "Did you mean \"ExpiresIn\"");
    }

    [Fact]
    public void TKI004UnknownOptionInKey()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Keys": {
                  "refresh": { "Secrte": "development-Zq8Lw3vT-test-secret-0123456789" }
                },
                "Profiles": { "Refresh": { "SigningKey": "refresh" } }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI004");
        Is(d, "TKI004", Error, AppSettingsPath, json, "\"Secrte\"");
        Says(d, "JwtIssuer:Keys:refresh:Secrte: \"Secrte\" is not an option");
        Says(d, "Did you mean \"Secret\"");
    }

    [Fact]
    public void TKI004UnknownOptionInJwtIssuerSection()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profile": {
                  "Access": { "Algorithm": "HS256" }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI004");
        Is(d, "TKI004", Error, AppSettingsPath, json, "\"Profile\"");
        Says(d, "JwtIssuer:Profile: \"Profile\" is not an option");
        Says(d, "Did you mean \"Profiles\"");
    }

    [Fact]
    public void TKI004UnknownOptionWithoutSuggestionListsTheOptions()
    {
        const string json = """
            { "JwtIssuer": { "Profiles": { "Access": { "Colour": "blue" } } } }
            """;
        var run = Run(json);

        var d = Single(run, "TKI004");
        Is(d, "TKI004", Error, AppSettingsPath, json, "\"Colour\"");
        Says(d, "The options of a profile are: Algorithm, SigningKey, ExpiresIn");
    }

    // ---- TKI005 forbidden header -------------------------------------------------------------------

    [Fact]
    public void TKI005AlgAndCritInHeader()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "Algorithm": "HS256",
                    "Header": {
                      "typ": "at+jwt",
                      "alg": "HS512",
                      "crit": "exp"
                    }
                  }
                }
              }
            }
            """;
        var run = Run(json);

        var all = All(run, "TKI005", 2);
        Is(all[0], "TKI005", Error, AppSettingsPath, json, "\"alg\"");
        Says(all[0], "JwtIssuer:Profiles:Access:Header: \"alg\" cannot be set in Header; set the profile's Algorithm instead");
        Is(all[1], "TKI005", Error, AppSettingsPath, json, "\"crit\"");
        Says(all[1], "\"crit\" cannot be set in Header: TokenIssuer does not implement the critical extensions");
    }

    // ---- TKI006 unsupported parameter type ---------------------------------------------------------

    [Fact]
    public void TKI006UnsupportedParameterTypeInJson()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "Parameters": { "sub": "string", "tenant_id": "uuid" }
                  }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI006");
        Is(d, "TKI006", Error, AppSettingsPath, json, "\"uuid\"");
        Says(d, "JwtIssuer:Profiles:Access:Parameters:tenant_id: \"uuid\" is not a supported claim type");
        Says(d, "Did you mean \"Guid\"?");
        // The other parameter still becomes a method parameter.
        Assert.Contains("IssueAccess(this global::TokenIssuer.IJwtIssuer issuer, string sub)", run.GeneratedSource);
    }

    [Fact]
    public void TKI006UnsupportedPropertyTypeInRecord()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Profile")]
            public record ProfileClaims(string Sub, System.Uri Website);
            """;
        var run = Run(null, csharp);

        var d = Single(run, "TKI006");
        Is(d, "TKI006", Error, SourcePath, csharp, "Website");
        Says(d, "[JwtProfile(\"Profile\")] ProfileClaims.Website: \"System.Uri\" is not a supported claim type");
    }

    // ---- TKI007 claim collisions -------------------------------------------------------------------

    [Fact]
    public void TKI007ParameterCollidesWithFixedClaim()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "Claims": { "scope": "orders.read" },
                    "Parameters": { "sub": "string", "scope": "string" }
                  }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI007");
        Is(d, "TKI007", Error, AppSettingsPath, json, "\"scope\"", occurrence: 2);
        Says(d, "JwtIssuer:Profiles:Access:Parameters:scope: the per-call claim \"scope\" collides with a fixed claim in Claims");
    }

    [Fact]
    public void TKI007ParameterCollidesWithIssuer()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "Issuer": "https://id.example.com",
                    "Parameters": { "iss": "string" }
                  }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI007");
        Is(d, "TKI007", Error, AppSettingsPath, json, "\"iss\"");
        Says(d, "the per-call claim \"iss\" collides with the profile's Issuer");
    }

    [Fact]
    public void TKI007ParameterCollidesWithExp()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "ExpiresIn": "15m",
                    "Parameters": { "exp": "DateTimeOffset" }
                  }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI007");
        Is(d, "TKI007", Error, AppSettingsPath, json, "\"exp\"");
        Says(d, "the per-call claim \"exp\" collides with a time claim the profile computes");
    }

    [Fact]
    public void TKI007RecordPropertyCollidesWithExp()
    {
        const string csharp = """
            using System;
            using TokenIssuer;

            [JwtProfile("Session")]
            public record SessionClaims(string Sub, [property: JwtClaim("exp")] DateTimeOffset Until);
            """;
        var run = Run(null, csharp);

        var d = Single(run, "TKI007");
        Is(d, "TKI007", Error, SourcePath, csharp, "Until");
        Says(d, "[JwtProfile(\"Session\")] SessionClaims.Until: the per-call claim \"exp\" collides with a time claim the profile computes");
    }

    // ---- TKI008 duplicate profile ------------------------------------------------------------------

    [Fact]
    public void TKI008DuplicateProfileInOneFile()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS256" },
                  "Refresh": { "Algorithm": "HS256" },
                  "Access": { "Algorithm": "ES256" }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI008");
        Is(d, "TKI008", Error, AppSettingsPath, json, "\"Access\"", occurrence: 2);
        Says(d, "The profile 'Access' is declared more than once (twice in appsettings.json)");
    }

    [Fact]
    public void TKI008DuplicateProfileTwoRecords()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh")]
            public record RefreshClaims(string Sub);

            [JwtProfile("Refresh")]
            public record OtherRefreshClaims(string Sid);
            """;
        var run = Run(null, csharp);

        var all = All(run, "TKI008", 2);
        Is(all[0], "TKI008", Error, SourcePath, csharp, "\"Refresh\"", occurrence: 1);
        Is(all[1], "TKI008", Error, SourcePath, csharp, "\"Refresh\"", occurrence: 2);
        Says(all[0], "The profile 'Refresh' is declared more than once (by RefreshClaims, OtherRefreshClaims)");
    }

    // ---- TKI009 invalid profile name ---------------------------------------------------------------

    [Theory]
    [InlineData("my-profile")]
    [InlineData("class")]
    [InlineData("2fa")]
    public void TKI009InvalidProfileNameInJson(string name)
    {
        string json = $$"""
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS256" },
                  "{{name}}": { "Algorithm": "HS256" }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI009");
        Is(d, "TKI009", Error, AppSettingsPath, json, $"\"{name}\"");
        Says(d, $"The profile name '{name}' is not a valid C# identifier, so no Issue{name} method can be generated");
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void TKI009InvalidProfileNameInAttribute()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("class", ExpiresIn = "1h")]
            public record ClassClaims(string Sub);
            """;
        var run = Run(null, csharp);

        var d = Single(run, "TKI009");
        Is(d, "TKI009", Error, SourcePath, csharp, "\"class\"");
        Says(d, "The profile name 'class' is not a valid C# identifier");
        Assert.Null(run.GeneratedSource);
    }

    // ---- TKI010 inline key that does not fit ---------------------------------------------------------

    [Fact]
    public void TKI010ShortHmacSecret()
    {
        string json = ProfileWithKey("HS256", """{ "Secret": "0123456789" }""");
        var run = Run(json);

        var d = Single(run, "TKI010");
        Is(d, "TKI010", Error, AppSettingsPath, json, "\"main\"", occurrence: 2);
        Says(d, "JwtIssuer:Profiles:Access:SigningKey: the secret has 10 bytes, shorter than the 32-byte hash of HS256");
    }

    [Fact]
    public void TKI010ShortHmacSecretAllowedWithAllowInsecureKeySizes()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Keys": { "main": { "Secret": "0123456789" } },
                "Profiles": { "Access": { "Algorithm": "HS256", "SigningKey": "main", "AllowInsecureKeySizes": true } }
              }
            }
            """;
        Assert.Empty(Run(json).GeneratorDiagnostics);
    }

    [Fact]
    public void TKI010RsaPemForES256()
    {
        using var rsa = RSA.Create(2048);
        string json = ProfileWithKey("ES256", $$"""{ "Pem": "{{JsonEscape(rsa.ExportPkcs8PrivateKeyPem())}}" }""");
        var run = Run(json);

        var d = Single(run, "TKI010");
        Is(d, "TKI010", Error, AppSettingsPath, json, "\"main\"", occurrence: 2);
        Says(d, "key 'main' is an RSA private key, which cannot sign ES256");
    }

    [Fact]
    public void TKI010SecretForRS256()
    {
        string json = ProfileWithKey("RS256", """{ "Secret": "development-Zq8Lw3vT-test-secret-0123456789" }""");
        var run = Run(json);

        var d = Single(run, "TKI010");
        Is(d, "TKI010", Error, AppSettingsPath, json, "\"main\"", occurrence: 2);
        Says(d, "key 'main' is an HMAC secret, but RS256 needs a private key");
    }

    [Fact]
    public void TKI010P384PemForES256()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        string json = ProfileWithKey("ES256", $$"""{ "Pem": "{{JsonEscape(ecdsa.ExportPkcs8PrivateKeyPem())}}" }""");
        var run = Run(json);

        var d = Single(run, "TKI010");
        Is(d, "TKI010", Error, AppSettingsPath, json, "\"main\"", occurrence: 2);
        Says(d, "key 'main' is on curve P-384, but ES256 needs P-256");
    }

    [Fact]
    public void TKI010MatchingKeysNoDiagnostic()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        Assert.Empty(Run(ProfileWithKey("ES256", $$"""{ "Pem": "{{JsonEscape(p256.ExportPkcs8PrivateKeyPem())}}" }""")).GeneratorDiagnostics);
        Assert.Empty(Run(ProfileWithKey("PS256", $$"""{ "Pem": "{{JsonEscape(rsa.ExportPkcs8PrivateKeyPem())}}" }""")).GeneratorDiagnostics);
        Assert.Empty(Run(ProfileWithKey("HS256", """{ "Secret": "0123456789abcdef0123456789abcdef" }""")).GeneratorDiagnostics);
    }

    // ---- TKI011 unit-less duration -----------------------------------------------------------------

    [Fact]
    public void TKI011UnitlessDurationStringInJson()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS256", "ExpiresIn": "300", "NotBefore": 30 }
                }
              }
            }
            """;
        var run = Run(json);

        // A JSON number has no unit either, but cannot be told from a string by configuration: no warning.
        var d = Single(run, "TKI011");
        Is(d, "TKI011", Warning, AppSettingsPath, json, "\"300\"");
        Says(d, "JwtIssuer:Profiles:Access:ExpiresIn: \"300\" has no unit and is read as 300 seconds in a profile; write \"300s\" (or \"300ms\" if you meant milliseconds)");
        Assert.Contains("Lifetime: 300s.", run.GeneratedSource);
    }

    [Fact]
    public void TKI011UnitlessDurationInAttribute()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh", ExpiresIn = "3600")]
            public record RefreshClaims(string Sub);
            """;
        var run = Run(null, csharp);

        var d = Single(run, "TKI011");
        Is(d, "TKI011", Warning, SourcePath, csharp, "ExpiresIn = \"3600\"");
        Says(d, "[JwtProfile(\"Refresh\")] ExpiresIn: \"3600\" has no unit and is read as 3600 seconds");
    }

    // ---- TKI013 fixed claim the profile computes or sets ------------------------------------------

    [Theory]
    [InlineData("exp", "Use ExpiresIn instead")]
    [InlineData("iat", "Use the issue time, which is automatic instead")]
    [InlineData("nbf", "Use NotBefore instead")]
    public void TKI013TimeClaimInClaims(string claim, string fix)
    {
        string json = $$"""
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "ExpiresIn": "15m", "Claims": { "scope": "read", "{{claim}}": "1700000000" } }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI013");
        Is(d, "TKI013", Error, AppSettingsPath, json, $"\"{claim}\"");
        Says(d, $"JwtIssuer:Profiles:Access:Claims: \"{claim}\" cannot be a fixed claim (a NumericDate computed per token). {fix}.");
    }

    [Fact]
    public void TKI013ClaimSetByAnOption()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Issuer": "https://id.example.com", "Claims": { "iss": "https://other.example.com" } }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI013");
        Is(d, "TKI013", Error, AppSettingsPath, json, "\"iss\"");
        Says(d, "JwtIssuer:Profiles:Access:Claims: the claim \"iss\" is set by the profile's Issuer; remove it from Claims.");
    }

    // ---- TKI014 SigningKey that names no key in the files -----------------------------------------

    [Fact]
    public void TKI014SigningKeyNotUnderKeysIsAWarning()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Keys": { "Main": { "Secret": "0123456789abcdef0123456789abcdef" } },
                "Profiles": { "Access": { "SigningKey": "Mian" } }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI014");
        Is(d, "TKI014", Warning, AppSettingsPath, json, "\"Mian\"");
        Says(d, "JwtIssuer:Profiles:Access:SigningKey: there is no key \"Mian\" in JwtIssuer:Keys (the keys are Main). Did you mean \"Main\"?");
    }

    [Fact]
    public void TKI014KeyDeclaredInAnotherFileNoDiagnostic()
    {
        const string json = """{ "JwtIssuer": { "Profiles": { "Access": { "SigningKey": "dev" } } } }""";
        const string development = """{ "JwtIssuer": { "Keys": { "dev": { "PemFile": "keys/dev.pem" } } } }""";
        var run = GeneratorHarness.Run(new AdditionalText[] { new InMemoryAdditionalText(AppSettingsPath, json), new InMemoryAdditionalText(DevelopmentSettingsPath, development) });

        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void TKI014NoKeysSectionInTheFilesNoDiagnostic()
    {
        // Every key then comes refresh-Zq8Lw3vT-test-only-secret-0123456789, which the build cannot see.
        const string json = """{ "JwtIssuer": { "Profiles": { "Access": { "SigningKey": "from-user-secrets" } } } }""";

        Assert.Empty(Run(json).GeneratorDiagnostics);
    }

    [Fact]
    public void TKI014AttributeSigningKey()
    {
        const string json = """{ "JwtIssuer": { "Keys": { "main": { "PemFile": "keys/main.pem" } } } }""";
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh", SigningKey = "refresh")]
            public record RefreshClaims(string Sub);
            """;
        var run = Run(json, csharp);

        var d = Single(run, "TKI014");
        Is(d, "TKI014", Warning, SourcePath, csharp, "SigningKey = \"refresh\"");
        Says(d, "[JwtProfile(\"Refresh\")] SigningKey: there is no key \"refresh\" in JwtIssuer:Keys (the keys are main).");
    }

    // ---- TKI015 lifetime that issues no valid token ----------------------------------------------

    [Theory]
    [InlineData("\"ExpiresIn\": \"-5m\"", "\"-5m\"", "JwtIssuer:Profiles:Access:ExpiresIn: \"-5m\" would issue tokens that are already expired.")]
    [InlineData("\"ExpiresIn\": 0", "0", "JwtIssuer:Profiles:Access:ExpiresIn: \"0\" would issue tokens that are already expired.")]
    [InlineData("\"ExpiresIn\": \"30m\", \"NotBefore\": \"1h\"", "\"1h\"", "JwtIssuer:Profiles:Access:NotBefore: NotBefore is not earlier than ExpiresIn")]
    [InlineData("\"ExpiresIn\": \"99999999999999d\"", "\"99999999999999d\"", "JwtIssuer:Profiles:Access:ExpiresIn: \"99999999999999d\" is too large to be a token lifetime.")]
    public void TKI015Lifetime(string options, string token, string message)
    {
        string json = $$"""
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { {{options}} }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI015");
        Is(d, "TKI015", Error, AppSettingsPath, json, token);
        Says(d, message);
    }

    [Fact]
    public void TKI015LifetimeInAttribute()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh", ExpiresIn = "1h", NotBefore = "2h")]
            public record RefreshClaims(string Sub);
            """;
        var run = Run(null, csharp);

        var d = Single(run, "TKI015");
        Is(d, "TKI015", Error, SourcePath, csharp, "NotBefore = \"2h\"");
        Says(d, "[JwtProfile(\"Refresh\")] NotBefore: NotBefore is not earlier than ExpiresIn");
    }

    // ---- TKI016 unknown TokenIssuerGeneratedAccessibility -----------------------------------------

    [Fact]
    public void TKI016UnknownAccessibility()
    {
        var run = GeneratorHarness.Run(
            new AdditionalText[] { new InMemoryAdditionalText(AppSettingsPath, """{ "JwtIssuer": { "Profiles": { "Access": {} } } }""") },
            new Dictionary<string, string> { ["build_property.TokenIssuerGeneratedAccessibility"] = "protected" });

        var d = Single(run, "TKI016");
        Assert.Equal(Warning, d.Severity);
        Says(d, "TokenIssuerGeneratedAccessibility is \"protected\"; write internal (the default) or public.");
        Assert.Contains("internal static partial class JwtIssuerProfileExtensions", run.GeneratedSource);
    }

    // ---- TKI017 value of the wrong shape ----------------------------------------------------------

    [Fact]
    public void TKI017ListWhereAValueBelongsAndAFlagThatIsNotABoolean()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": [ "HS256" ], "NoTimestamp": "yes", "AllowInsecureKeySizes": "True", "Audience": [ "a", "b" ] }
                }
              }
            }
            """;
        var run = Run(json);

        var all = All(run, "TKI017", 2);
        Is(all[0], "TKI017", Error, AppSettingsPath, json, "[ \"HS256\" ]");
        Says(all[0], "JwtIssuer:Profiles:Access:Algorithm: expected a single value, found a list or object. Write it as a string.");
        Is(all[1], "TKI017", Error, AppSettingsPath, json, "\"yes\"");
        Says(all[1], "JwtIssuer:Profiles:Access:NoTimestamp: \"yes\" is not a boolean. Write true or false.");
    }

    // ---- every descriptor is documented -----------------------------------------------------------

    [Fact]
    public void EveryDiagnosticHasAnEntryInTheTroubleshootingGuideAndTheReadme()
    {
        string root = RepositoryRoot.Find();
        string guide = File.ReadAllText(Path.Combine(root, "docs", "troubleshooting.md"));
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        foreach (var descriptor in Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.True(guide.Contains($"<a id=\"{descriptor.Id.ToLowerInvariant()}\"></a>", StringComparison.Ordinal), $"{descriptor.Id} has no entry in docs/troubleshooting.md");
            Assert.True(readme.Contains($"| {descriptor.Id} |", StringComparison.Ordinal), $"{descriptor.Id} is not in the README's diagnostics table");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /// <summary>A profile "Access" with <paramref name="algorithm"/> signed by the inline key "main".</summary>
    private static string ProfileWithKey(string algorithm, string key) => $$"""
        {
          "JwtIssuer": {
            "Keys": {
              "main": {{key}}
            },
            "Profiles": {
              "Access": {
                "Algorithm": "{{algorithm}}",
                "SigningKey": "main",
                "ExpiresIn": "15m"
              }
            }
          }
        }
        """;

    private static string JsonEscape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "").Replace("\n", "\\n");
}
