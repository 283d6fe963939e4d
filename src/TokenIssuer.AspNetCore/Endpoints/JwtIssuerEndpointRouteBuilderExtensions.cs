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

    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Serves the JSON Web Key Set of every asymmetric key in configuration (the signing keys, the keys kept
    /// for rotation, and keys a rotation replaced while their tokens live), each with <c>kid</c>, <c>alg</c>
    /// and <c>use</c>. Never a private or symmetric key. Follows configuration reloads. Answers GET and HEAD
    /// with <c>Cache-Control</c> and an <c>ETag</c> (304 for a matching <c>If-None-Match</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapJwks(this IEndpointRouteBuilder endpoints, string pattern = DefaultJwksPath, TimeSpan? cacheDuration = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        string cacheControl = CacheableJson.CacheControl(cacheDuration);
        return endpoints.MapMethods(pattern, GetAndHead, context =>
        {
            var keys = context.RequestServices.GetRequiredService<IJwtKeyRing>();
            return CacheableJson.WriteAsync(context, JwksDocument.Write(keys.ValidationKeys), cacheControl);
        }).ExcludeFromDescription();
    }

    /// <summary>
    /// Serves OpenID Connect discovery metadata (<c>issuer</c>, <c>jwks_uri</c>, signing algorithms), which another
    /// service's <c>AddJwtBearer(o => { o.Authority = "…"; o.Audience = "…"; })</c> reads to find this app's keys.
    /// Its addresses come from configuration, never from the request: <c>jwks_uri</c> is built on
    /// <c>JwtIssuer:PublicUrl</c>, else on the issuer when that is an absolute https URL, else (Development only)
    /// on the app's loopback address. With none of these, this method throws at start-up. Answers GET and HEAD with
    /// <c>Cache-Control: public, max-age=300</c> and an <c>ETag</c>.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="issuer">The issuer to announce; by default the <c>Issuer</c> of the first profile that has one, else the public URL.</param>
    /// <param name="jwksPath">Where <see cref="MapJwks"/> serves the key set, relative to the public URL.</param>
    /// <param name="pattern">Where to serve the document.</param>
    /// <exception cref="InvalidOperationException">No public address: neither <c>JwtIssuer:PublicUrl</c> nor an https issuer, outside Development.</exception>
    public static IEndpointConventionBuilder MapOpenIdConfiguration(this IEndpointRouteBuilder endpoints, string? issuer = null,
        string jwksPath = DefaultJwksPath, string pattern = DefaultOpenIdConfigurationPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(jwksPath);
        var document = new DiscoveryDocument(endpoints.ServiceProvider, issuer, jwksPath);
        string cacheControl = CacheableJson.CacheControl(null);
        return endpoints.MapMethods(pattern, GetAndHead, context => CacheableJson.WriteAsync(context, document.Write(), cacheControl))
            .ExcludeFromDescription();
    }
}
