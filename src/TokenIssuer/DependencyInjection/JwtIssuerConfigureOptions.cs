using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// Binds the <c>JwtIssuer</c> section of the app's <see cref="IConfiguration"/> (what <c>AddJwtIssuer()</c>
/// reads), as <c>JwtBearerConfigureOptions</c> binds <c>Authentication:Schemes</c>. Without an
/// <see cref="IConfiguration"/> in the container, start-up fails with a problem that says how to fix it.
/// </summary>
internal sealed class JwtIssuerConfigureOptions(IConfiguration? configuration = null) : IConfigureOptions<JwtIssuerOptions>
{
    public void Configure(JwtIssuerOptions options)
    {
        if (configuration is null)
        {
            options.ConfigurationProblems.Add("AddJwtIssuer() reads the JwtIssuer section of IConfiguration, but no IConfiguration is registered. Use a host (WebApplication.CreateBuilder, Host.CreateApplicationBuilder), or AddJwtIssuer(section) / AddJwtIssuer(options => ...).");
            return;
        }
        ConfigurationReader.Read(configuration.GetSection(JwtIssuerOptions.SectionName), options);
    }
}
