using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TokenIssuer.AspNetCore;

/// <summary>
/// The discovery document of <c>MapOpenIdConfiguration()</c>. Its addresses come from configuration only, never
/// from a request (a <c>Host</c> or <c>X-Forwarded-*</c> header would otherwise choose whose keys a relying party
/// trusts, and a cache would hand that answer to everyone). The base URL is, in order: <c>JwtIssuer:PublicUrl</c>;
/// the announced issuer when it is an absolute https URL; in Development only, the app's own loopback address.
/// </summary>
internal sealed class DiscoveryDocument
{
    /// <summary>Kestrel's address when nothing else names one.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    private readonly IOptionsMonitor<JwtIssuerOptions> _options;
    private readonly IJwtIssuer _issuer;
    private readonly IJwtKeyRing _keys;
    private readonly IServiceProvider _services;
    private readonly bool _development;
    private readonly ILogger _logger;
    private readonly string? _explicitIssuer;
    private readonly string _jwksPath;
    private Announced _lastGood;
    private string? _lastProblem;

    /// <summary>Resolves the addresses now, so an app with no public address stops at start-up rather than serve a guess.</summary>
    public DiscoveryDocument(IServiceProvider services, string? issuer, string jwksPath)
    {
        _services = services;
        _options = services.GetRequiredService<IOptionsMonitor<JwtIssuerOptions>>();
        _issuer = services.GetRequiredService<IJwtIssuer>();
        _keys = services.GetRequiredService<IJwtKeyRing>();
        _development = services.GetService<IHostEnvironment>()?.IsDevelopment() == true;
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger("TokenIssuer.AspNetCore.Discovery") ?? NullLogger.Instance;
        _explicitIssuer = string.IsNullOrWhiteSpace(issuer) ? null : issuer;
        _jwksPath = jwksPath;
        _lastGood = Resolve(out var problem) ?? throw new InvalidOperationException(problem);
    }

    public byte[] Write()
    {
        var announced = Current();
        var algorithms = _keys.ValidationKeys.Where(k => !k.IsSymmetric).Select(k => k.Algorithm.ToString()).Distinct().Order(StringComparer.Ordinal).ToArray();
        return JsonSerializer.SerializeToUtf8Bytes(new OpenIdConfiguration(announced.Issuer, announced.JwksUri, algorithms), OpenIdJsonContext.Default.OpenIdConfiguration);
    }

    /// <summary>The addresses of the current configuration; after a reload that leaves none, the last good ones (logged once).</summary>
    private Announced Current()
    {
        var previous = Volatile.Read(ref _lastGood);
        var announced = Resolve(out var problem);
        if (announced is null)
        {
            if (!string.Equals(Interlocked.Exchange(ref _lastProblem, problem), problem, StringComparison.Ordinal))
            {
                IssuerLog.DiscoveryReloadRejected(_logger, previous.BaseUrl, problem!);
            }
            return previous;
        }
        Volatile.Write(ref _lastProblem, null);
        if (announced != previous || (announced.DevelopmentDefault && !previous.Logged))
        {
            if (announced.DevelopmentDefault) IssuerLog.DevelopmentDiscoveryUrl(_logger, announced.BaseUrl);
            announced = announced with { Logged = true };
            Volatile.Write(ref _lastGood, announced);
            return announced;
        }
        return previous;
    }

    private Announced? Resolve(out string? problem)
    {
        var options = _options.CurrentValue;
        string? issuer = _explicitIssuer ?? _issuer.Profiles.Select(_keys.DescribeProfile).FirstOrDefault(p => p?.Issuer is not null)?.Issuer;
        string? baseUrl;
        bool developmentDefault = false;
        if (!string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            baseUrl = PublicUrlRule.Normalize(options.PublicUrl, $"{options.ConfigurationPath}:{ProfileOptionNames.PublicUrl}", _development, out problem);
            if (baseUrl is null) return null;
        }
        else if (HttpsBase(issuer) is { } issuerBase)
        {
            baseUrl = issuerBase;
        }
        else if (_development)
        {
            baseUrl = DevelopmentBaseUrl();
            developmentDefault = true;
        }
        else
        {
            problem = $"MapOpenIdConfiguration() has no public address to announce: set {options.ConfigurationPath}:{ProfileOptionNames.PublicUrl} to the https URL other services reach this app at (e.g. \"https://id.example.com\"), "
                + $"or give a profile an https Issuer{(issuer is null ? "" : $" (the issuer \"{issuer}\" is not an absolute https URL)")}. The discovery document never takes its address from a request's Host header.";
            return null;
        }
        problem = null;
        string jwksUri = Uri.TryCreate(_jwksPath, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? _jwksPath
            : baseUrl + "/" + _jwksPath.TrimStart('/');
        return new Announced(issuer ?? baseUrl, jwksUri, baseUrl, developmentDefault);
    }

    private static string? HttpsBase(string? issuer)
        => Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;

    /// <summary>
    /// The app's own address: the server's (once it listens), else the configured <c>urls</c>
    /// (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, launchSettings.json), else Kestrel's default; a wildcard host becomes localhost.
    /// </summary>
    private string DevelopmentBaseUrl()
    {
        var addresses = _services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var configured = _services.GetService<IConfiguration>()?["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        foreach (string address in addresses.Concat(configured))
        {
            string local = address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
            if (Uri.TryCreate(local, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            }
        }
        return KestrelDefault;
    }

    private sealed record Announced(string Issuer, string JwksUri, string BaseUrl, bool DevelopmentDefault, bool Logged = false)
    {
        public bool Equals(Announced? other) => other is not null && Issuer == other.Issuer && JwksUri == other.JwksUri;

        public override int GetHashCode() => HashCode.Combine(Issuer, JwksUri);
    }
}
