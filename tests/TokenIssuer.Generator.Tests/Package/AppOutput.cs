using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.Generator.Tests;

/// <summary>A folder under the temp directory for one package test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file; the folder is under the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Reads what a test app printed and validates its tokens with Microsoft.IdentityModel.</summary>
internal static class AppOutput
{
    public static string Line(string output, string prefix)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"the app printed no {prefix} line:\n{output}");
        return line![prefix.Length..];
    }

    public static async Task<JsonWebToken> ValidateAsync(string token, SecurityKey key, string? issuer, string? audience, string output)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = new[] { "HS256" },
            ValidateIssuer = issuer is not null,
            ValidIssuer = issuer,
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            ValidateLifetime = true,
        });
        Assert.True(result.IsValid, $"the printed token does not validate: {result.Exception}\n{output}");
        return Assert.IsType<JsonWebToken>(result.SecurityToken);
    }
}
