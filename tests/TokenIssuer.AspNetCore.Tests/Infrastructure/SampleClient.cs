using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TokenIssuer.AspNetCore.Tests.Infrastructure;

/// <summary>The sample's endpoints, as a client calls them.</summary>
public static class SampleClient
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string DiscoveryPath = "/.well-known/openid-configuration";

    public sealed record Tokens(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

    public static async Task<HttpResponseMessage> PostLogin(this HttpClient client, string username, string password)
        => await client.PostAsJsonAsync("/login", new { username, password });

    public static async Task<Tokens> Login(this HttpClient client)
    {
        using var response = await client.PostLogin("alice", "wonderland");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadTokens(response);
    }

    public static async Task<Tokens> ReadTokens(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        return new Tokens(
            root.GetProperty("access_token").GetString()!,
            root.GetProperty("refresh_token").GetString()!,
            root.GetProperty("token_type").GetString()!,
            root.GetProperty("expires_in").GetInt32());
    }

    public static Task<HttpResponseMessage> GetWithBearer(this HttpClient client, string path, string token)
        => client.SendWithBearer(HttpMethod.Get, path, token);

    public static async Task<HttpResponseMessage> SendWithBearer(this HttpClient client, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<HttpStatusCode> MeStatus(this HttpClient client, string token)
    {
        using var response = await client.GetWithBearer("/me", token);
        return response.StatusCode;
    }

    public static async Task<string> ServiceToken(this HttpClient client, string accessToken)
    {
        using var response = await client.SendWithBearer(HttpMethod.Post, "/service-token", accessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<JsonDocument> GetJson(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The kids of the JWKS.</summary>
    public static async Task<string[]> JwksKids(this HttpClient client)
    {
        using var jwks = await client.GetJson(JwksPath);
        return jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }
}
