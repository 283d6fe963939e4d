using System.Buffers.Text;
using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// The public JWK members of an RSA or EC key (RFC 7518 §6: <c>kty</c>, <c>n</c>/<c>e</c>, or <c>crv</c>/<c>x</c>/<c>y</c>),
/// written once for the JWKS (<see cref="JwtValidationKey.PublicJwk"/>) and for <c>tokenissuer keys public --jwk</c>.
/// </summary>
internal static class PublicJwkMembers
{
    public static Dictionary<string, string> Rsa(RSAParameters parameters) => new()
    {
        ["kty"] = "RSA",
        ["n"] = Base64Url.EncodeToString(parameters.Modulus),
        ["e"] = Base64Url.EncodeToString(parameters.Exponent),
    };

    /// <param name="parameters">The public parameters.</param>
    /// <param name="curveName">OpenSSL's name of the curve (<see cref="EcCurves"/>).</param>
    public static Dictionary<string, string> Ec(ECParameters parameters, string curveName) => new()
    {
        ["kty"] = "EC",
        ["crv"] = curveName switch { EcCurves.P256 => "P-256", EcCurves.P384 => "P-384", EcCurves.P521 => "P-521", _ => curveName },
        ["x"] = Base64Url.EncodeToString(parameters.Q.X),
        ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
    };
}
