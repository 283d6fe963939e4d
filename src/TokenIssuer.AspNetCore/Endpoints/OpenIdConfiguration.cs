using System.Text.Json.Serialization;

namespace TokenIssuer.AspNetCore;

/// <summary>The OpenID Connect discovery members a JwtBearer relying party reads (OpenID Connect Discovery 1.0 §3).</summary>
internal sealed record OpenIdConfiguration(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] string[] SigningAlgorithms);

[JsonSerializable(typeof(OpenIdConfiguration))]
internal sealed partial class OpenIdJsonContext : JsonSerializerContext;
