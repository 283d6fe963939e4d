namespace TokenIssuer.HardeningTests;

/// <summary>
/// Every random choice in this suite comes from one of these seeds, so a failure reproduces exactly.
/// FsCheck properties take theirs from <see cref="Replay"/> (FsCheck's "(seed, gamma)" form).
/// </summary>
internal static class Seeds
{
    /// <summary>FsCheck's replay for every [Property]: the same cases on every run.</summary>
    public const string Replay = "(20240611,1013904223)";

    /// <summary>At most this many cases per property keeps the suite fast.</summary>
    public const int MaxTest = 200;

    public const int BatchLines = 7_001;
    public const int ConfigurationValues = 7_002;
    public const int GeneratorJson = 7_003;
    public const int KeyLoaders = 7_004;
    public const int Concurrency = 7_005;
    public const int Secrets = 7_006;
}
