using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// Checks every key and profile at start-up (with <c>ValidateOnStart</c>) and reports all problems at
/// once. After start-up, an invalid reload is not fatal: the issuer logs it and keeps the last good
/// configuration.
/// </summary>
/// <remarks>
/// At start-up the problems are thrown as a <see cref="JwtIssuerConfigurationException"/> rather than
/// returned: the options factory would join them into one "; "-separated line, where this exception
/// lists one problem per line.
/// </remarks>
internal sealed class JwtIssuerOptionsValidator(CompiledProfiles compiled, IHostEnvironment? environment = null) : IValidateOptions<JwtIssuerOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtIssuerOptions options)
    {
        bool startingUp = compiled.LastGood is null;
        var result = compiled.GetOrCompile(options);
        var problems = result.Plans is null ? new List<string>(result.Problems) : new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            PublicUrlRule.Normalize(options.PublicUrl, $"{options.ConfigurationPath}:{ProfileOptionNames.PublicUrl}", environment?.IsDevelopment() == true, out var problem);
            // Scrubbed as the compiled problems are: a secret pasted into PublicUrl is not repeated.
            if (problem is not null) problems.Add(ConfiguredSecrets.Of(options).Scrub(problem));
        }
        if (problems.Count == 0 || !startingUp) return ValidateOptionsResult.Success;
        throw new JwtIssuerConfigurationException(problems);
    }
}
