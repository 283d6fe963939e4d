using Microsoft.Extensions.Configuration;

namespace TokenIssuer;

/// <summary>
/// Reads the <c>JwtIssuer</c> section into <see cref="JwtIssuerOptions"/>. Unlike the generic binder it
/// reports what it cannot use (an unknown option, with "did you mean"; a list where a value belongs)
/// instead of ignoring it, so a typo in appsettings.json stops the app at start-up.
/// </summary>
internal static class ConfigurationReader
{
    public static void Read(IConfiguration section, JwtIssuerOptions options)
    {
        // Walking the framework's section costs a scan of every key per level (quadratic): read it in one pass
        // where the snapshot can answer exactly as the section would, else walk the section itself.
        section = ConfigurationSnapshot.TryTake(section) ?? section;
        string root = section is IConfigurationSection s ? s.Path : JwtIssuerOptions.SectionName;
        options.ConfigurationPath = root;
        foreach (var child in section.GetChildren())
        {
            switch (Match(child.Key, ProfileOptionNames.Section))
            {
                case "Keys":
                    foreach (var key in child.GetChildren())
                    {
                        if (!string.IsNullOrEmpty(key.Value)) options.ConfigurationProblems.Add(KeyIsAValue(key));
                        ReadKey(key, GetOrAdd(options.Keys, key.Key), options.ConfigurationProblems);
                    }
                    break;
                case "Profiles":
                    foreach (var profile in child.GetChildren()) ReadProfile(profile, GetOrAdd(options.Profiles, profile.Key), options.ConfigurationProblems);
                    break;
                case nameof(JwtIssuerOptions.DevelopmentKeysDirectory):
                    options.DevelopmentKeysDirectory = ScalarOrProblem(child, options.ConfigurationProblems);
                    break;
                case nameof(JwtIssuerOptions.PublicUrl):
                    options.PublicUrl = ScalarOrProblem(child, options.ConfigurationProblems);
                    break;
                case nameof(JwtIssuerOptions.KeyFilePollInterval):
                    if (ScalarOrProblem(child, options.ConfigurationProblems) is not { } interval) break;
                    // As in a profile, a number without a unit is seconds.
                    if (DurationParser.TryParseMilliseconds(interval, out double milliseconds, out bool hasUnit)
                        && (hasUnit ? milliseconds : milliseconds * DurationParser.MillisecondsPerSecond) is var ms && ms >= DurationParser.MillisecondsPerSecond && ms <= TimeSpan.FromDays(1).TotalMilliseconds)
                    {
                        options.KeyFilePollInterval = TimeSpan.FromMilliseconds(ms);
                    }
                    else
                    {
                        // The value is not echoed: whatever was pasted here, it is no interval.
                        options.ConfigurationProblems.Add($"{Where(child)}: the value ({interval.Length} characters) is not a poll interval between 1 second and 1 day. Write a duration such as \"30s\" or \"2m\".");
                    }
                    break;
                default:
                    options.ConfigurationProblems.Add(Unknown(child, ProfileOptionNames.Section, root));
                    break;
            }
        }
    }

    private static void ReadKey(IConfigurationSection section, JwtKeyOptions key, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            // A JWK may be written as a JSON object, Managed is one; every other key option is a single value.
            string? option = Match(child.Key, ProfileOptionNames.Key);
            bool jwk = option == nameof(JwtKeyOptions.Jwk);
            string? value = jwk || option == nameof(JwtKeyOptions.Managed) ? child.Value : ScalarOrProblem(child, problems);
            switch (option)
            {
                case nameof(JwtKeyOptions.Managed):
                    // "Managed": {} (every default) arrives as an empty value.
                    if (!string.IsNullOrEmpty(value)) problems.Add($"{Where(child)}: {ManagedKeyConfiguration.NotAnObject()}");
                    else ManagedKeyConfiguration.Read(child, key.Managed ??= new(), problems);
                    break;
                case nameof(JwtKeyOptions.Pem): key.Pem = value; break;
                case nameof(JwtKeyOptions.PemFile): key.PemFile = value; break;
                case nameof(JwtKeyOptions.Secret): key.Secret = value; break;
                case nameof(JwtKeyOptions.SecretBase64): key.SecretBase64 = value; break;
                case nameof(JwtKeyOptions.Jwk): key.Jwk = value ?? JwkFromSection(child); break;
                case nameof(JwtKeyOptions.Passphrase): key.Passphrase = value; break;
                case nameof(JwtKeyOptions.KeyId): key.KeyId = value; break;
                default: problems.Add(Unknown(child, ProfileOptionNames.Key, "a key")); break;
            }
        }
    }

    private static void ReadProfile(IConfigurationSection section, JwtProfileOptions profile, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (Match(child.Key, ProfileOptionNames.Profile))
            {
                case nameof(JwtProfileOptions.Algorithm): profile.Algorithm = ScalarOrProblem(child, problems); break;
                case nameof(JwtProfileOptions.SigningKey): profile.SigningKey = ScalarOrProblem(child, problems); break;
                case nameof(JwtProfileOptions.ExpiresIn): profile.ExpiresIn = ScalarOrProblem(child, problems); break;
                case nameof(JwtProfileOptions.NotBefore): profile.NotBefore = ScalarOrProblem(child, problems); break;
                case nameof(JwtProfileOptions.Issuer): profile.Issuer = ScalarOrProblem(child, problems); break;
                case nameof(JwtProfileOptions.Subject): profile.Subject = ScalarOrProblem(child, problems); break;
                case nameof(JwtProfileOptions.JwtId): profile.JwtId = ScalarOrProblem(child, problems); break;
                case nameof(JwtProfileOptions.KeyId): profile.KeyId = ScalarOrProblem(child, problems); break;
                case nameof(JwtProfileOptions.NoTimestamp): profile.NoTimestamp = Boolean(child, problems); break;
                case nameof(JwtProfileOptions.AllowInsecureKeySizes): profile.AllowInsecureKeySizes = Boolean(child, problems); break;
                case nameof(JwtProfileOptions.AllowInvalidAsymmetricKeyTypes): profile.AllowInvalidAsymmetricKeyTypes = Boolean(child, problems); break;
                case nameof(JwtProfileOptions.GenerateJwtId): profile.GenerateJwtId = Boolean(child, problems); break;
                case nameof(JwtProfileOptions.Rfc9068): profile.Rfc9068 = Boolean(child, problems); break;
                case nameof(JwtProfileOptions.AllowUndeclaredClaims): profile.AllowUndeclaredClaims = Boolean(child, problems); break;
                case nameof(JwtProfileOptions.Audience):
                    profile.Audience.Clear();
                    if (child.Value is { } single) profile.Audience.Add(single);
                    else foreach (var item in ListItems(child)) if (ScalarOrProblem(item, problems) is { } audience) profile.Audience.Add(audience);
                    break;
                case nameof(JwtProfileOptions.Header): ReadStringMap(child, profile.Header, problems); break;
                case nameof(JwtProfileOptions.Claims): ReadStringMap(child, profile.Claims, problems); break;
                case nameof(JwtProfileOptions.Parameters):
                    foreach (var parameter in child.GetChildren())
                    {
                        if (ScalarOrProblem(parameter, problems) is not { } type) continue;
                        int existing = IndexOf(profile.Parameters, parameter.Key);
                        var entry = new KeyValuePair<string, string>(parameter.Key, type);
                        if (existing >= 0) profile.Parameters[existing] = entry;
                        else profile.Parameters.Add(entry);
                    }
                    break;
                default:
                    problems.Add(Unknown(child, ProfileOptionNames.Profile, "a profile"));
                    break;
            }
        }
    }

    private static void ReadStringMap(IConfigurationSection section, IDictionary<string, string> target, List<string> problems)
    {
        foreach (var entry in section.GetChildren())
        {
            if (ScalarOrProblem(entry, problems) is { } value) target[entry.Key] = value;
        }
    }

    /// <summary>A JWK written as a JSON object in appsettings.json arrives as a section; put it back together.</summary>
    private static string? JwkFromSection(IConfigurationSection section)
    {
        var members = section.GetChildren().Where(c => c.Value is not null).ToList();
        if (members.Count == 0) return null;
        return "{" + string.Join(",", members.Select(m => System.Text.Json.JsonSerializer.Serialize(m.Key, JwkJsonContext.Default.String) + ":" + System.Text.Json.JsonSerializer.Serialize(m.Value!, JwkJsonContext.Default.String))) + "}";
    }

    private static IEnumerable<IConfigurationSection> ListItems(IConfigurationSection section)
        => section.GetChildren().OrderBy(c => int.TryParse(c.Key, out int index) ? index : int.MaxValue);

    private static string? ScalarOrProblem(IConfigurationSection section, List<string> problems)
    {
        if (section.Value is not null) return section.Value;
        if (section.GetChildren().Any()) problems.Add($"{Where(section)}: {ProfileSentences.ExpectedSingleValue()}");
        return null;
    }

    private static bool Boolean(IConfigurationSection section, List<string> problems)
    {
        string? value = ScalarOrProblem(section, problems);
        if (value is null || bool.TryParse(value, out bool result)) return value is not null && bool.Parse(value);
        problems.Add($"{Where(section)}: {ProfileSentences.NotABoolean(value)}");
        return false;
    }

    /// <summary>A section's path for a message, with a name that looks like key material shown by its length.</summary>
    private static string Where(IConfigurationSection section) => SensitiveText.Heuristic.Path(section.Path);

    /// <summary><c>"Keys": { "Main": "the secret" }</c>: the secret where the key's options belong. Never quoted.</summary>
    private static string KeyIsAValue(IConfigurationSection key) =>
        $"{Where(key)}: the key is a single value ({key.Value!.Length} characters, not shown), not a set of options. " +
        $"Write it as {{ \"SecretBase64\": … }} (or Secret, Pem, PemFile, Jwk), with the secret in user-secrets or the environment.";

    private static string Unknown(IConfigurationSection section, string[] known, string what)
        => $"{Where(section)}: {ProfileSentences.UnknownOption(section.Key, known, what)}";

    private static string? Match(string key, string[] names)
        => names.FirstOrDefault(n => n.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static int IndexOf(IList<KeyValuePair<string, string>> list, string name)
    {
        for (int i = 0; i < list.Count; i++) if (list[i].Key == name) return i;
        return -1;
    }

    private static T GetOrAdd<T>(IDictionary<string, T> map, string name) where T : new()
    {
        if (!map.TryGetValue(name, out var value)) map[name] = value = new T();
        return value;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class JwkJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
