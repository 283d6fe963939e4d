using Microsoft.Extensions.Diagnostics.HealthChecks;
using TokenIssuer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The issuer as a health check: <c>builder.Services.AddHealthChecks().AddJwtIssuer()</c>, then <c>app.MapHealthChecks("/health")</c>.</summary>
public static class JwtIssuerHealthChecksBuilderExtensions
{
    /// <summary>The default name of the check.</summary>
    public const string DefaultName = "jwt-issuer";

    /// <summary>
    /// Adds a check of TokenIssuer: unhealthy (or <paramref name="failureStatus"/>) when the managed key store cannot
    /// be read or the managed keys have not loaded; degraded when a managed key signs past its rotation time with no
    /// successor ready, or a profile signs with a development key outside Development; healthy otherwise. Its
    /// description names the store and the profiles, never key material. Call <c>AddJwtIssuer()</c> on the services as well.
    /// </summary>
    /// <param name="builder">The builder <c>AddHealthChecks()</c> returned.</param>
    /// <param name="name">The check's name (<c>jwt-issuer</c>).</param>
    /// <param name="failureStatus">The status reported when the store cannot be read (<see cref="HealthStatus.Unhealthy"/>).</param>
    /// <param name="tags">Tags to filter checks by, e.g. <c>["ready"]</c>.</param>
    /// <param name="timeout">How long the check may take (reading the store included) before it fails.</param>
    public static IHealthChecksBuilder AddJwtIssuer(this IHealthChecksBuilder builder, string name = DefaultName,
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(name, services => new JwtIssuerHealthCheck(services), failureStatus ?? HealthStatus.Unhealthy, tags, timeout));
    }
}
