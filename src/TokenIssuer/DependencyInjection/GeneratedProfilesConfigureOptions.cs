using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>Applies the defaults of the attribute profiles (<see cref="GeneratedProfiles"/>), before configuration and code.</summary>
internal sealed class GeneratedProfilesConfigureOptions : IConfigureOptions<JwtIssuerOptions>
{
    public void Configure(JwtIssuerOptions options) => GeneratedProfiles.ApplyTo(options);
}
