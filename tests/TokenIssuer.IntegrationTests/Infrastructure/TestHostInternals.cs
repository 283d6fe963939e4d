using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests;

/// <summary>What these tests read from a host beyond the public API (InternalsVisibleTo in TokenIssuer.csproj).</summary>
internal static class TestHostInternals
{
    extension(TestHost host)
    {
        /// <summary>The internal singleton behind <see cref="IJwtIssuer"/>, for <c>Reload()</c>.</summary>
        internal JwtIssuer Runtime => host.Services.GetRequiredService<JwtIssuer>();
    }
}
