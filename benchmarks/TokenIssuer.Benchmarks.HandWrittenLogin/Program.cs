using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TokenIssuer.Benchmarks.HandWrittenLogin;

// The sample's POST /login (samples/TokenIssuer.Sample.WebApi) written by hand with JsonWebTokenHandler, for
// benchmarks/wrk-login.sh: the same two tokens (ES256 access, HS256 refresh) with the same header, claims and
// lifetimes, the same JSON response, and the same pipeline (JwtBearer authentication and authorization run on
// every request). The keys come from configuration: HandWrittenLogin:AccessPemFile, AccessKeyId,
// RefreshSecret, RefreshKeyId (the script passes the ones it gives the sample).
var builder = WebApplication.CreateBuilder(args);
var keys = LoginKeys.From(builder.Configuration.GetSection("HandWrittenLogin"));
builder.Services.AddSingleton(keys);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options => options.TokenValidationParameters = keys.Validation(keys.Access.Key, LoginTokens.AccessAudience))
    .AddJwtBearer(LoginTokens.RefreshScheme, options => options.TokenValidationParameters = keys.Validation(keys.Refresh.Key, LoginTokens.RefreshAudience));
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

var tokens = new LoginTokens(keys);
app.MapPost("/login", (LoginRequest login) =>
{
    if (DemoUsers.Find(login.Username, login.Password) is not { } user) return Results.Unauthorized();
    return Results.Ok(tokens.For(user));
});

app.Run();

namespace TokenIssuer.Benchmarks.HandWrittenLogin
{
    public sealed record LoginRequest(string Username, string Password);

    public sealed record DemoUser(string Id, string Username, string Name, string Role, Guid TenantId);

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string RefreshToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    /// <summary>The sample's demo user, checked the same way.</summary>
    public static class DemoUsers
    {
        private static readonly DemoUser Alice = new("u-42", "alice", "Alice Liddell", "admin", Guid.Parse("7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10"));

        public static DemoUser? Find(string? username, string? password)
            => username == Alice.Username && password == "wonderland" ? Alice : null;
    }

    /// <summary>The signing keys, each with its kid, built once.</summary>
    public sealed class LoginKeys(SigningCredentials access, SigningCredentials refresh)
    {
        public const string Issuer = "https://id.sample.local";

        public SigningCredentials Access { get; } = access;

        public SigningCredentials Refresh { get; } = refresh;

        public static LoginKeys From(IConfiguration section)
        {
            string pemFile = section["AccessPemFile"] ?? throw new InvalidOperationException("HandWrittenLogin:AccessPemFile is not set: the path of the ES256 (P-256) private key PEM.");
            string secret = section["RefreshSecret"] ?? throw new InvalidOperationException("HandWrittenLogin:RefreshSecret is not set: the HS256 secret of the refresh token.");
            var ec = ECDsa.Create();
            ec.ImportFromPem(File.ReadAllText(pemFile));
            var accessKey = new ECDsaSecurityKey(ec) { KeyId = section["AccessKeyId"] };
            var refreshKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = section["RefreshKeyId"] };
            return new LoginKeys(
                new SigningCredentials(accessKey, SecurityAlgorithms.EcdsaSha256),
                new SigningCredentials(refreshKey, SecurityAlgorithms.HmacSha256));
        }

        public TokenValidationParameters Validation(SecurityKey key, string audience) => new()
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKey = key,
        };
    }

    /// <summary>
    /// The sample's two tokens: access (ES256, RFC 9068: typ at+jwt, 15 minutes: sub, name, role, tenant_id, client_id,
    /// scope and a fresh jti) and
    /// refresh (HS256, 30 days: sub, sid), both with iss, aud, iat and exp and no nbf, as the sample's profiles.
    /// </summary>
    public sealed class LoginTokens(LoginKeys keys)
    {
        public const string AccessAudience = "sample-api";
        public const string RefreshAudience = "sample-refresh";
        public const string RefreshScheme = "Refresh";

        // Times are set explicitly (iat, exp); the handler's defaults would add nbf, which the sample's tokens do not carry.
        private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

        public TokenResponse For(DemoUser user)
        {
            var now = DateTime.UtcNow;
            string access = _handler.CreateToken(new SecurityTokenDescriptor
            {
                TokenType = "at+jwt",
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = user.Id,
                    ["name"] = user.Name,
                    ["role"] = user.Role,
                    ["tenant_id"] = user.TenantId.ToString(),
                    ["client_id"] = "sample-spa",
                    ["scope"] = "profile.read",
                    // RFC 9068, as the sample's Access profile (GenerateJwtId): a fresh 128-bit id per token.
                    ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
                },
                IssuedAt = now,
                Expires = now.AddMinutes(15),
                Issuer = LoginKeys.Issuer,
                Audience = AccessAudience,
                SigningCredentials = keys.Access,
            });
            string refresh = _handler.CreateToken(new SecurityTokenDescriptor
            {
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = user.Id,
                    ["sid"] = Guid.NewGuid().ToString("n"),
                },
                IssuedAt = now,
                Expires = now.AddDays(30),
                Issuer = LoginKeys.Issuer,
                Audience = RefreshAudience,
                SigningCredentials = keys.Refresh,
            });
            return new TokenResponse(access, refresh, "Bearer", 15 * 60);
        }
    }
}
