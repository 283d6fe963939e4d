namespace TokenIssuer;

/// <summary>
/// The one error TokenIssuer's signing engine throws for bad input: an option, the payload or the key.
/// The message says what is wrong and how to fix it; it never contains key material.
/// </summary>
public sealed class JwtSigningException : Exception
{
    /// <summary>Creates the exception for the named option (or <c>"key"</c>, <c>"payload"</c>).</summary>
    public JwtSigningException(string option, string message)
        : base(message)
    {
        Option = option;
    }

    /// <summary>Creates the exception with the low-level cause (never one whose text holds key material).</summary>
    public JwtSigningException(string option, string message, Exception innerException)
        : base(message, innerException)
    {
        Option = option;
    }

    /// <summary>
    /// What the error is about: an option name as jsonwebtoken spells it (<c>"expiresIn"</c>,
    /// <c>"header"</c>, …), or <c>"key"</c> or <c>"payload"</c>.
    /// </summary>
    public string Option { get; }
}
