using System.Text.Json.Serialization;
using TokenIssuer;

namespace TokenIssuer.Sample.WebApi;

public static class SampleSchemes
{
    public const string Refresh = "Refresh";
}

public sealed record LoginRequest(string Username, string Password);

public sealed record DemoUser(string Id, string Username, string Name, string Role, Guid TenantId);

/// <summary>The refresh token's claims: a [JwtProfile] record, so IssueRefresh takes one of these.</summary>
[JwtProfile("Refresh", Algorithm = JwtAlgorithm.HS256, ExpiresIn = "30 days")]
public sealed record RefreshClaims(string Sub, [property: JwtClaim("sid")] string SessionId);

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    // Left out for a token that does not expire (RFC 6749 §5.1 makes it optional).
    [property: JsonPropertyName("expires_in"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExpiresIn)
{
    public static TokenResponse For(IJwtIssuer issuer, DemoUser user)
    {
        // The token with its facts: expires_in follows the Access profile's ExpiresIn, wherever configuration sets it.
        var access = issuer.IssueAccessToken(sub: user.Id, name: user.Name, role: user.Role, tenantId: user.TenantId);
        string refresh = issuer.IssueRefresh(new RefreshClaims(user.Id, Guid.NewGuid().ToString("n")));
        int? expiresIn = access.ExpiresIn is { } lifetime ? (int)lifetime.TotalSeconds : null;
        return new TokenResponse(access.Token, refresh, "Bearer", expiresIn);
    }
}

public static class DemoUsers
{
    private static readonly DemoUser Alice = new("u-42", "alice", "Alice Liddell", "admin", Guid.Parse("7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10"));

    public static DemoUser? Find(string? username, string? password)
        => username == Alice.Username && password == "wonderland" ? Alice : null;

    public static DemoUser? FindById(string? id) => id == Alice.Id ? Alice : null;
}
