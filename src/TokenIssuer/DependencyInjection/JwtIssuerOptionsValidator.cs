using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// Checks every key and profile at start-up (with <c>ValidateOnStart</c>) and reports all problems at
/// once. After start-up, an invalid reload is not fatal: the issuer logs it and keeps the last good
/// configuration.
/// </summary>
internal sealed class JwtIssuerOptionsValidator(CompiledProfiles compiled) : IValidateOptions<JwtIssuerOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtIssuerOptions options)
    {
        var result = compiled.GetOrCompile(options);
        if (result.Plans is not null || compiled.LastGood is not null) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(result.Problems);
    }
}
