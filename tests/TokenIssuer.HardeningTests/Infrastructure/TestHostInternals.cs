using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TokenIssuer.HardeningTests;

/// <summary>What these tests read from a host beyond the public API (InternalsVisibleTo in TokenIssuer.csproj).</summary>
internal static class TestHostInternals
{
    extension(TestHost host)
    {
        /// <summary>The internal singleton behind <see cref="IJwtIssuer"/> (for <c>Reload()</c>).</summary>
        internal JwtIssuer Runtime => host.Services.GetRequiredService<JwtIssuer>();

        /// <summary>The signing plans the issuer currently signs from (the cached compilation of the current options).</summary>
        internal PlanSet CurrentPlans
        {
            get
            {
                var options = host.Services.GetRequiredService<IOptionsMonitor<JwtIssuerOptions>>().CurrentValue;
                return host.Services.GetRequiredService<CompiledProfiles>().GetOrCompile(options).Plans!;
            }
        }
    }
}
