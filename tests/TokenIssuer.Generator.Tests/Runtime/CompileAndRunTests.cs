using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// Compiles a program with the generated source, runs the generated <c>Issue{Profile}</c> methods against
/// a real <c>AddJwtIssuer</c> runtime (with a fake clock), and validates the tokens with JsonWebTokenHandler.
/// </summary>
/// <remarks>
/// The program's [ModuleInitializer] registers the defaults of its attribute profiles ("Refresh", "Invite", "Api") in the
/// process-wide registry, so every test that issues tokens lives in this one class (and configures the "refresh" key they sign with).
/// </remarks>
public sealed class CompileAndRunTests : IClassFixture<GeneratedProgram>, IDisposable
{
    private const string Secret = "refresh-Zq8Lw3vT-test-only-secret-0123456789";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly GeneratedProgram _program;
    private readonly ECDsa _es = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly List<ServiceProvider> _providers = new();

    public CompileAndRunTests(GeneratedProgram program) => _program = program;

    public void Dispose()
    {
        foreach (var provider in _providers) provider.Dispose();
        _es.Dispose();
    }

    [Fact]
    public async Task IssueAccessWritesThePerCallClaimsAndTheTokenValidates()
    {
        var issuer = CreateIssuer();
        var tenant = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

        string token = _program.Issue("Access", issuer, "u-42", "admin", tenant);

        var jwt = await ValidateAsync(token, new ECDsaSecurityKey(ECDsa.Create(_es.ExportParameters(includePrivateParameters: false))), "ES256",
            issuer: "https://id.example.com", audience: "orders-api");
        Assert.Equal("at+jwt", jwt.Typ);
        using var payload = Payload(jwt);
        var claims = payload.RootElement;
        Assert.Equal("u-42", claims.GetProperty("sub").GetString());
        Assert.Equal("admin", claims.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.String, claims.GetProperty("tenant_id").ValueKind);
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", claims.GetProperty("tenant_id").GetString());
        Assert.Equal("orders.read", claims.GetProperty("scope").GetString());
        Assert.Equal("orders-api", claims.GetProperty("aud").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(Now.ToUnixTimeSeconds() + 15 * 60, claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task IssueTypesWritesEveryParameterTypeAndLeavesNullsOut()
    {
        var issuer = CreateIssuer();
        var tenant = Guid.NewGuid();
        var bornAt = new DateTimeOffset(1990, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var lastLogin = new DateTimeOffset(2026, 11, 24, 8, 30, 15, 999, TimeSpan.Zero);

        string token = _program.Issue("Types", issuer,
            "Ada", true, 7, 9_000_000_000L, 0.5, 19.99m, tenant, bornAt, new[] { "admin", "dev" }, new List<string> { "g1" },
            null, 42, null, lastLogin);

        var jwt = await ValidateAsync(token, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), "HS256");
        using var payload = Payload(jwt);
        var claims = payload.RootElement;
        Assert.Equal("Ada", claims.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.True, claims.GetProperty("admin").ValueKind);
        Assert.Equal(7, claims.GetProperty("level").GetInt32());
        Assert.Equal(9_000_000_000L, claims.GetProperty("quota").GetInt64());
        Assert.Equal(0.5, claims.GetProperty("ratio").GetDouble());
        Assert.Equal(19.99m, claims.GetProperty("price").GetDecimal());
        Assert.Equal(tenant.ToString("D"), claims.GetProperty("tenant_id").GetString());
        // DateTimeOffset: a NumericDate (whole seconds since the epoch), not a string.
        Assert.Equal(JsonValueKind.Number, claims.GetProperty("born_at").ValueKind);
        Assert.Equal(bornAt.ToUnixTimeSeconds(), claims.GetProperty("born_at").GetInt64());
        Assert.Equal(lastLogin.ToUnixTimeSeconds(), claims.GetProperty("last_login").GetInt64());
        // string[] and IEnumerable<string>: JSON arrays.
        Assert.Equal(JsonValueKind.Array, claims.GetProperty("roles").ValueKind);
        Assert.Equal(new[] { "admin", "dev" }, claims.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "g1" }, claims.GetProperty("groups").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(42, claims.GetProperty("age").GetInt32());
        // Null nullable parameters leave their claims out (not "null").
        Assert.False(claims.TryGetProperty("verified", out _));
        Assert.False(claims.TryGetProperty("org_id", out _));
        // No ExpiresIn in the profile: no exp.
        Assert.False(claims.TryGetProperty("exp", out _));
    }

    [Fact]
    public async Task IssueRefreshUsesTheAttributeDefaultsWhenConfigurationDoesNotSetThem()
    {
        var issuer = CreateIssuer();
        object claims = _program.Create("App.RefreshClaims", "u-42", "s-1");

        string token = _program.Issue("Refresh", issuer, claims);

        var jwt = await ValidateAsync(token, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), "HS256");
        Assert.Equal("HS256", jwt.Alg);
        using var payload = Payload(jwt);
        var root = payload.RootElement;
        Assert.Equal("u-42", root.GetProperty("sub").GetString());
        Assert.Equal("s-1", root.GetProperty("sid").GetString());
        Assert.False(root.TryGetProperty("sessionId", out _));
        Assert.Equal(Now.ToUnixTimeSeconds() + 30 * 24 * 3600, root.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task IssueRefreshConfigurationOverridesTheAttributeDefaults()
    {
        var issuer = CreateIssuer(options =>
        {
            options.Profiles["Refresh"].ExpiresIn = "1h";
            options.Profiles["Refresh"].Algorithm = "HS512";
        });
        object claims = _program.Create("App.RefreshClaims", "u-42", "s-1");

        string token = _program.Issue("Refresh", issuer, claims);

        var jwt = await ValidateAsync(token, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret + Secret)), "HS512");
        using var payload = Payload(jwt);
        Assert.Equal(Now.ToUnixTimeSeconds() + 3600, payload.RootElement.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void TheGeneratedIssueAccessOfAGenerateJwtIdProfileWritesAFreshJtiInEveryToken()
    {
        var issuer = CreateIssuer(options => options.Profiles["Access"].GenerateJwtId = true);
        var tenant = Guid.NewGuid();

        var ids = Enumerable.Range(0, 1_000).Select(_ => JtiOf(_program.Issue("Access", issuer, "u-42", "admin", tenant))).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.True(Base64Url.DecodeFromChars(id).Length >= 16));
    }

    [Fact]
    public void TheGeneratedIssueAccessOfAnRfc9068ProfileRefusesANullSub()
    {
        var issuer = CreateIssuer(options =>
        {
            var access = options.Profiles["Access"];
            access.Rfc9068 = true;
            access.GenerateJwtId = true;
            access.Claims["client_id"] = "orders-spa";
        });

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(_program.Issue("Access", issuer, "u-42", "admin", Guid.NewGuid()).Split('.')[1]));
        Assert.Equal("orders-spa", payload.RootElement.GetProperty("client_id").GetString());
        var e = Assert.Throws<JwtSigningException>(() => _program.Issue("Access", issuer, null, "admin", Guid.NewGuid()));
        Assert.Equal("sub", e.Option);
    }

    private static string JtiOf(string token)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        return payload.RootElement.GetProperty("jti").GetString()!;
    }

    [Fact]
    public void AnAttributeProfileWithGenerateJwtIdGivesEveryTokenAFreshJti()
    {
        var issuer = CreateIssuer();
        var org = Guid.NewGuid();

        var ids = Enumerable.Range(0, 1_000).Select(_ => JtiOf(_program.Issue("Invite", issuer, _program.Create("App.InviteClaims", "ada@example.com", org)))).ToList();
        var issued = _program.IssueToken("Invite", issuer, _program.Create("App.InviteClaims", "ada@example.com", org));

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(16, Base64Url.DecodeFromChars(id).Length));
        Assert.Equal(JtiOf(issued.Token), issued.JwtId);
        Assert.DoesNotContain(issued.JwtId, ids);
        Assert.Equal(TimeSpan.FromDays(7), issued.ExpiresIn);
    }

    [Fact]
    public async Task AnAttributeProfileWithRfc9068IssuesAccessTokensTypedAtJwtWithEveryRequiredClaim()
    {
        var issuer = CreateIssuer();

        string token = _program.Issue("Api", issuer, _program.Create("App.ApiClaims", "u-42", "orders-spa"));

        var jwt = await ValidateAsync(token, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), "HS256", issuer: "https://id.example.com", audience: "orders-api");
        Assert.Equal("at+jwt", jwt.Typ);
        using var payload = Payload(jwt);
        var claims = payload.RootElement;
        foreach (string claim in new[] { "iss", "exp", "aud", "sub", "client_id", "iat", "jti" }) Assert.True(claims.TryGetProperty(claim, out _), $"no {claim} in {claims}");
        Assert.Equal("u-42", claims.GetProperty("sub").GetString());
        Assert.Equal("orders-spa", claims.GetProperty("client_id").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds() + 10 * 60, claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void TheGeneratedIssueApiRefusesANullClientId()
    {
        var issuer = CreateIssuer();

        var e = Assert.Throws<JwtSigningException>(() => _program.Issue("Api", issuer, _program.Create("App.ApiClaims", "u-42", null)));
        Assert.Equal("client_id", e.Option);
    }

    [Fact]
    public void TheDynamicPathChecksTheClaimsOfAnAttributeProfileAgainstItsProperties()
    {
        var issuer = CreateIssuer();
        var org = Guid.NewGuid();

        string token = issuer.Issue("Invite", new Dictionary<string, object?> { ["email"] = "ada@example.com", ["org_id"] = org });
        var missing = Assert.Throws<JwtSigningException>(() => issuer.Issue("Invite", new Dictionary<string, object?> { ["email"] = "ada@example.com" }));
        var mistyped = Assert.Throws<JwtSigningException>(() => issuer.Issue("Invite", new Dictionary<string, object?> { ["email"] = 42, ["org_id"] = org }));
        var undeclared = Assert.Throws<JwtSigningException>(() => issuer.Issue("Invite", new Dictionary<string, object?> { ["email"] = "a@example.com", ["org_id"] = org, ["role"] = "admin" }));

        using (var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))) Assert.Equal(org.ToString("D"), payload.RootElement.GetProperty("org_id").GetString());
        Assert.Equal("org_id", missing.Option);
        Assert.Contains("The claims passed for profile \"Invite\" do not match its Parameters (email: string, org_id: Guid): \"org_id\" is missing (declared Guid)", missing.Message);
        Assert.Equal("email", mistyped.Option);
        Assert.Contains("\"email\" is of type Int32, not string", mistyped.Message);
        Assert.Equal("role", undeclared.Option);
        Assert.Contains("\"role\" is not declared", undeclared.Message);
    }

    [Fact]
    public void AllowUndeclaredClaimsOnTheAttributeLetsTheDynamicPathPassOtherClaims()
    {
        var issuer = CreateIssuer();

        string token = issuer.Issue("Api", new Dictionary<string, object?> { ["sub"] = "u-42", ["client_id"] = "orders-spa", ["scope"] = "orders.read" });
        var missing = Assert.Throws<JwtSigningException>(() => issuer.Issue("Api", new Dictionary<string, object?> { ["sub"] = "u-42", ["scope"] = "orders.read" }));

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        Assert.Equal("orders.read", payload.RootElement.GetProperty("scope").GetString());
        Assert.Equal("client_id", missing.Option);
    }

    [Fact]
    public void IssueRefreshNullClaimsThrows()
    {
        var issuer = CreateIssuer();

        Assert.Throws<ArgumentNullException>(() => _program.Issue("Refresh", issuer, null));
    }

    [Fact]
    public void IssueAccessTokenReturnsTheFactsItsTokenCarries()
    {
        var issuer = CreateIssuer(options => options.Profiles["Access"].JwtId = "access-id");

        var issued = _program.IssueToken("Access", issuer, "u-42", "admin", Guid.NewGuid());

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(issued.Token.Split('.')[0])).RootElement;
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(issued.Token.Split('.')[1])).RootElement;
        Assert.Equal("Access", issued.Profile);
        Assert.Equal(header.GetProperty("alg").GetString(), issued.Algorithm.ToString());
        Assert.Equal("ES256", issued.Algorithm.ToString());
        Assert.Equal(header.GetProperty("kid").GetString(), issued.KeyId);
        Assert.NotNull(issued.KeyId);
        Assert.Equal("access-id", issued.JwtId);
        Assert.Equal(claims.GetProperty("jti").GetString(), issued.JwtId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("iat").GetInt64()), issued.IssuedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64()), issued.ExpiresAt);
        Assert.Equal(Now, issued.IssuedAt);
        Assert.Equal(TimeSpan.FromMinutes(15), issued.ExpiresIn);
        Assert.Equal("u-42", claims.GetProperty("sub").GetString());
    }

    [Fact]
    public void IssueRefreshTokenFollowsTheLifetimeConfigurationGivesIt()
    {
        var issuer = CreateIssuer(options => options.Profiles["Refresh"].ExpiresIn = "1h");

        var issued = _program.IssueToken("Refresh", issuer, _program.Create("App.RefreshClaims", "u-42", "s-1"));

        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(issued.Token.Split('.')[1])).RootElement;
        Assert.Equal(TimeSpan.FromHours(1), issued.ExpiresIn);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64()), issued.ExpiresAt);
        Assert.Null(issued.JwtId);
        Assert.False(claims.TryGetProperty("jti", out _));
    }

    [Fact]
    public void ProfileNamesAreConstants()
    {
        var names = _program.Assembly.GetType("TokenIssuer.JwtProfileNames", throwOnError: true)!;

        Assert.Equal("Access", names.GetField("Access")!.GetRawConstantValue());
        Assert.Equal("Refresh", names.GetField("Refresh")!.GetRawConstantValue());
        Assert.Equal("Types", names.GetField("Types")!.GetRawConstantValue());
    }

    /// <summary>The issuer of <c>AddJwtIssuer(options => ...)</c> with the keys and profiles of <see cref="GeneratedProgram.AppSettings"/>.</summary>
    private IJwtIssuer CreateIssuer(Action<JwtIssuerOptions>? change = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        string esPem = _es.ExportPkcs8PrivateKeyPem();
        services.AddJwtIssuer(options =>
        {
            options.Keys["es"] = new JwtKeyOptions { Pem = esPem };
            options.Keys["refresh"] = new JwtKeyOptions { Secret = change is null ? Secret : Secret + Secret };

            var access = Profile(options, "Access");
            access.Algorithm = "ES256";
            access.SigningKey = "es";
            access.ExpiresIn = "15m";
            access.Issuer = "https://id.example.com";
            access.Audience.Add("orders-api");
            access.Header["typ"] = "at+jwt";
            access.Claims["scope"] = "orders.read";
            foreach (var (name, type) in new[] { ("sub", "string"), ("role", "string"), ("tenant_id", "Guid") }) access.Parameters.Add(new(name, type));

            var types = Profile(options, "Types");
            types.Algorithm = "HS256";
            types.SigningKey = "refresh";
            foreach (var (name, type) in new[]
            {
                ("name", "string"), ("admin", "bool"), ("level", "int"), ("quota", "long"), ("ratio", "double"), ("price", "decimal"),
                ("tenant_id", "Guid"), ("born_at", "DateTimeOffset"), ("roles", "string[]"), ("groups", "IEnumerable<string>"),
                ("verified", "bool?"), ("age", "int?"), ("org_id", "Guid?"), ("last_login", "DateTimeOffset?"),
            })
            {
                types.Parameters.Add(new(name, type));
            }

            // Configuration sets only the key: algorithm and lifetime come from [JwtProfile].
            Profile(options, "Refresh").SigningKey = "refresh";
            change?.Invoke(options);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IJwtIssuer>();
    }

    /// <summary>The profile <paramref name="name"/>, created if the attribute defaults have not created it.</summary>
    private static JwtProfileOptions Profile(JwtIssuerOptions options, string name)
    {
        if (!options.Profiles.TryGetValue(name, out var profile)) options.Profiles[name] = profile = new JwtProfileOptions();
        return profile;
    }

    private static async Task<JsonWebToken> ValidateAsync(string token, SecurityKey key, string algorithm, string? issuer = null, string? audience = null)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = new[] { algorithm },
            ValidateIssuer = issuer is not null,
            ValidIssuer = issuer,
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            // Issued at the fake clock's time: exp and iat are checked against it above.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        Assert.True(result.IsValid, $"the token does not validate: {result.Exception}\n{token}");
        var jwt = Assert.IsType<JsonWebToken>(result.SecurityToken);
        Assert.Equal(algorithm, jwt.Alg);
        return jwt;
    }

    private static JsonDocument Payload(JsonWebToken jwt) => JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload));
}
