namespace TokenIssuer;

/// <summary>
/// A profile mistake found by <see cref="ProfileRules"/>: the option it is about, relative to the profile
/// (<c>Algorithm</c>, <c>Parameters:tenant</c>), and the sentence that explains it. Start-up prefixes the
/// configuration path (<c>JwtIssuer:Profiles:Access:Algorithm: …</c>); the generator puts the same text in a
/// build diagnostic located at the offending line, so both say the same sentence about the same mistake.
/// </summary>
internal sealed class RuleViolation
{
    public RuleViolation(string option, string sentence)
    {
        Option = option;
        Sentence = sentence;
    }

    /// <summary>The option path under the profile, e.g. <c>ExpiresIn</c> or <c>Parameters:exp</c>.</summary>
    public string Option { get; }

    /// <summary>What is wrong and how to fix it; never quotes key material.</summary>
    public string Sentence { get; }

    /// <summary>The message with its location: <c>{profilePath}:{Option}: {Sentence}</c>.</summary>
    public string At(string profilePath) => $"{profilePath}:{Option}: {Sentence}";

    public override string ToString() => $"{Option}: {Sentence}";
}
