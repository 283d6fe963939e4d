namespace TokenIssuer;

/// <summary>A development key file or folder that cannot be used; the message names the path and the fix, never key material.</summary>
internal sealed class DevelopmentKeyException(string profile, string path, string problem)
    : Exception($"the development key \"{path}\" for profile {profile} {problem}")
{
    public string Profile { get; } = profile;
}
