using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TokenIssuer;
using TokenIssuer.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Publishes TokenIssuer's public keys: <c>app.MapJwks()</c> and <c>app.MapOpenIdConfiguration()</c>.</summary>
public static class JwtIssuerEndpointRouteBuilderExtensions
{
    /// <summary>The default path of the key set.</summary>
    public const string DefaultJwksPath = "/.well-known/jwks.json";

    /// <summary>The default path of the discovery document.</summary>
    public const string DefaultOpenIdConfigurationPath = "/.well-known/openid-configuration";

    /// <summary>
    /// Serves the JSON Web Key Set of every asymmetric key in configuration (the signing keys, the keys kept
    /// for rotation, and keys a rotation replaced while their tokens live), each with <c>kid</c>, <c>alg</c>
    /// and <c>use</c>. Never a private or symmetric key. Follows configuration reloads.
    /// </summary>
    public static IEndpointConventionBuilder MapJwks(this IEndpointRouteBuilder endpoints, string pattern = DefaultJwksPath, TimeSpan? cacheDuration = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        string cacheControl = CacheControl(cacheDuration);
        return endpoints.MapGet(pattern, (HttpContext context, IJwtKeyRing keys) =>
        {
            context.Response.Headers.CacheControl = cacheControl;
            return Results.Bytes(JwksDocument.Write(keys.ValidationKeys), "application/json");
        }).ExcludeFromDescription();
    }

    /// <summary>
    /// Serves OpenID Connect discovery metadata (<c>issuer</c>, <c>jwks_uri</c>, signing algorithms) so another
    /// service's <c>AddJwtBearer(o => o.Authority = "...")</c> validates this app's tokens with no code of ours.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="issuer">The issuer to announce; by default the <c>Issuer</c> of the first profile that has one, else the request's base URL.</param>
    /// <param name="jwksPath">Where <see cref="MapJwks"/> serves the key set.</param>
    /// <param name="pattern">Where to serve the document.</param>
    public static IEndpointConventionBuilder MapOpenIdConfiguration(this IEndpointRouteBuilder endpoints, string? issuer = null,
        string jwksPath = DefaultJwksPath, string pattern = DefaultOpenIdConfigurationPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, (HttpContext context, IJwtIssuer issuerService, IJwtKeyRing keys) =>
        {
            var request = context.Request;
            string baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
            string announced = issuer
                ?? issuerService.Profiles.Select(keys.DescribeProfile).FirstOrDefault(p => p?.Issuer is not null)?.Issuer
                ?? baseUrl;
            var algorithms = keys.ValidationKeys.Where(k => !k.IsSymmetric).Select(k => k.Algorithm.ToString()).Distinct().Order().ToArray();
            context.Response.Headers.CacheControl = CacheControl(null);
            return Results.Json(new OpenIdConfiguration(announced, baseUrl + jwksPath, algorithms), OpenIdJsonContext.Default.OpenIdConfiguration);
        }).ExcludeFromDescription();
    }

    private static string CacheControl(TimeSpan? duration)
        => $"public, max-age={(int)(duration ?? TimeSpan.FromMinutes(5)).TotalSeconds}";
}

internal sealed record OpenIdConfiguration(
    [property: System.Text.Json.Serialization.JsonPropertyName("issuer")] string Issuer,
    [property: System.Text.Json.Serialization.JsonPropertyName("jwks_uri")] string JwksUri,
    [property: System.Text.Json.Serialization.JsonPropertyName("id_token_signing_alg_values_supported")] string[] SigningAlgorithms);

[System.Text.Json.Serialization.JsonSerializable(typeof(OpenIdConfiguration))]
internal sealed partial class OpenIdJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
