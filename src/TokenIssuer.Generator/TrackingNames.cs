namespace TokenIssuer.Generator;

/// <summary>Names of the pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string AppSettingsFiles = nameof(AppSettingsFiles);
    public const string AttributeProfiles = nameof(AttributeProfiles);
    public const string Profiles = nameof(Profiles);
    public const string Diagnostics = nameof(Diagnostics);
    public const string ReferencedProfiles = nameof(ReferencedProfiles);
    public const string Settings = nameof(Settings);
}
