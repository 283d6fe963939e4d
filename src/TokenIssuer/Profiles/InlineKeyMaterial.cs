using Microsoft.Extensions.Configuration;

namespace TokenIssuer;

/// <summary>
/// Finds key material (Secret, SecretBase64, Pem, Jwk, Passphrase) that the app's configuration took from a
/// committed settings file: appsettings.json or appsettings.{Environment}.json, other than
/// appsettings.Development.json. Such a secret is in source control and in every copy of the build, so start-up
/// warns outside Development (the build warns too: TKI018). The provider that supplies a value is the last one
/// that has it, as configuration resolves it; user-secrets and environment variables override a file.
/// </summary>
internal static class InlineKeyMaterial
{
    private static readonly string[] MaterialOptions =
        [ProfileOptionNames.Secret, ProfileOptionNames.SecretBase64, ProfileOptionNames.Pem, ProfileOptionNames.Jwk, ProfileOptionNames.Passphrase];

    /// <summary>Each configuration path whose material comes from a committed file, with that file's name. Never the value.</summary>
    public static IEnumerable<(string Path, string File)> Find(IConfiguration? configuration, JwtIssuerOptions options)
    {
        if (configuration is not IConfigurationRoot root) yield break;
        foreach (var name in options.Keys.Keys)
        {
            foreach (string option in MaterialOptions)
            {
                string path = $"{options.ConfigurationPath}:{ProfileOptionNames.Keys}:{name}:{option}";
                // A JWK written as an object has no value of its own: its members say where it came from.
                string? file = SupplyingFile(root, path) ?? root.GetSection(path).GetChildren().Select(member => SupplyingFile(root, member.Path)).FirstOrDefault(f => f is not null);
                if (file is not null && IsCommitted(file)) yield return (path, Path.GetFileName(file));
            }
        }
    }

    private static bool IsCommitted(string file)
    {
        string name = Path.GetFileName(file);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("appsettings.Development.json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The file of the provider that supplies a non-empty value at <paramref name="path"/>; null when another kind of provider does, or none.</summary>
    private static string? SupplyingFile(IConfigurationRoot root, string path)
    {
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(path, out string? value)) continue;
            if (string.IsNullOrEmpty(value)) return null;
            return provider is FileConfigurationProvider { Source.Path: { } file } ? file : null;
        }
        return null;
    }
}
