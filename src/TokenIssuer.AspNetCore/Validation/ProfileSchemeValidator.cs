using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TokenIssuer.AspNetCore;

/// <summary>
/// Stops the app at start-up (with <c>ValidateOnStart</c>) when a scheme's <c>ValidateTokensFromProfile</c> names a
/// profile that does not exist, instead of answering 500 to every request, and suggests the profile meant.
/// </summary>
internal sealed class ProfileSchemeValidator(string scheme, string profile, IServiceProvider services) : IValidateOptions<JwtBearerOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtBearerOptions options)
    {
        if (name != scheme) return ValidateOptionsResult.Skip;
        string call = $"JwtBearer scheme \"{scheme}\": ValidateTokensFromProfile(\"{profile}\")";
        if (services.GetService<IJwtIssuer>() is not { } issuer || services.GetService<IJwtKeyRing>() is not { } keys)
        {
            return ValidateOptionsResult.Fail($"{call} needs TokenIssuer's profiles, but TokenIssuer is not registered. Call builder.Services.AddJwtIssuer().");
        }
        if (keys.DescribeProfile(profile) is not null) return ValidateOptionsResult.Success;

        var names = issuer.Profiles.Order(StringComparer.Ordinal).ToArray();
        string? suggestion = JwtOptionNames.Suggest(profile, names);
        return ValidateOptionsResult.Fail($"{call} names no profile. The profiles are: {(names.Length == 0 ? "(none configured)" : string.Join(", ", names))}."
            + (suggestion is null ? " Add the profile under JwtIssuer:Profiles, or name one of these." : $" Did you mean \"{suggestion}\"?"));
    }
}
