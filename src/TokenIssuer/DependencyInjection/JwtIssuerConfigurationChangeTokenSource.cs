using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace TokenIssuer;

/// <summary>
/// The reload token of the app's <c>JwtIssuer</c> section, for <see cref="JwtIssuerConfigureOptions"/>: the
/// framework's <see cref="ConfigurationChangeTokenSource{TOptions}"/> needs the configuration when it is
/// registered, and the app's is resolved from the container. No configuration: a token that never changes.
/// </summary>
internal sealed class JwtIssuerConfigurationChangeTokenSource(IConfiguration? configuration = null) : IOptionsChangeTokenSource<JwtIssuerOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken()
        => configuration?.GetSection(JwtIssuerOptions.SectionName).GetReloadToken() ?? NullChangeToken.Singleton;
}
