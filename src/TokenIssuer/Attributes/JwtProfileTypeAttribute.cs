using System.ComponentModel;

namespace TokenIssuer;

/// <summary>
/// Written by the source generator into an assembly that declares <see cref="JwtProfileAttribute"/> types,
/// one per type, so that the generator of a project referencing the assembly finds them without scanning
/// every type: it registers their profiles in that project (whose start-up may validate before this
/// assembly is loaded) and emits their typed <c>Issue{Profile}</c> methods there. Not meant to be written by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class JwtProfileTypeAttribute : Attribute
{
    /// <summary>Marks <paramref name="claimsType"/> as a <see cref="JwtProfileAttribute"/> type of this assembly.</summary>
    public JwtProfileTypeAttribute(Type claimsType) => ClaimsType = claimsType;

    /// <summary>The type that carries the <see cref="JwtProfileAttribute"/>.</summary>
    public Type ClaimsType { get; }

    /// <summary>
    /// True when this assembly's generated <c>Issue{Profile}</c> method for the type is public
    /// (<c>TokenIssuerGeneratedAccessibility=public</c>), so referencing projects call it instead of generating their own.
    /// </summary>
    public bool PublicIssueMethod { get; set; }
}
