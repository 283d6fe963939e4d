using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TokenIssuer;
using TokenIssuer.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>JwtBearer validation set from a TokenIssuer profile: <c>.AddJwtBearer().ValidateTokensFromProfile("Access")</c>.</summary>
public static class JwtBearerProfileExtensions
{
    /// <summary>
    /// Sets the <see cref="TokenValidationParameters"/> of the JwtBearer scheme <paramref name="authenticationScheme"/>
    /// from the token profile <paramref name="profile"/>: its issuer, audiences, algorithm, <c>typ</c> header and keys
    /// (including keys a rotation replaced, while their tokens live), read on every request so reloads apply.
    /// Lifetimes are checked against the app's <see cref="TimeProvider"/> with <paramref name="clockSkew"/> (default 30 s).
    /// Claims keep their JWT names: roles are read from <c>role</c> (so <c>RequireRole</c> works) and
    /// <c>User.Identity.Name</c> from <c>name</c>, or <c>sub</c> when the token has no <c>name</c>. A
    /// <c>RoleClaimType</c> or <c>NameClaimType</c> you set in <c>AddJwtBearer(o => …)</c> is left as you set it.
    /// A profile that does not exist stops the app at start-up.
    /// </summary>
    public static AuthenticationBuilder ValidateTokensFromProfile(this AuthenticationBuilder builder, string profile,
        string authenticationScheme = JwtBearerDefaults.AuthenticationScheme, TimeSpan? clockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(authenticationScheme);
        builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>>(sp =>
            new ProfileJwtBearerPostConfigure(authenticationScheme, profile, clockSkew ?? TimeSpan.FromSeconds(30),
                sp.GetService<IJwtKeyRing>, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddSingleton<IValidateOptions<JwtBearerOptions>>(sp => new ProfileSchemeValidator(authenticationScheme, profile, sp));
        builder.Services.AddOptions<JwtBearerOptions>(authenticationScheme).ValidateOnStart();
        return builder;
    }
}
