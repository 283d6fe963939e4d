using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.TestSupport;

/// <summary>A key made by a test: the private PEM to configure, the public key to verify with, and its kid.</summary>
public sealed record GeneratedEcKey(string PrivatePem, ECDsa PublicKey, string Thumbprint)
{
    public ECDsaSecurityKey SecurityKey => new(PublicKey);
}
