using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using TokenIssuer;
using TokenIssuer.Sample.WebApi;

var builder = WebApplication.CreateBuilder(args);

// The Service profile signs with a managed key (appsettings.json), kept in a folder of this machine's local app data
// and protected at rest with Data Protection, whose keys are kept beside it. Instances on several machines share
// both: see the README for the one line that moves the keys to Redis or PostgreSQL.
string sampleData = builder.Configuration["Sample:DataDirectory"]
    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "TokenIssuer.Sample.WebApi");
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(sampleData, "data-protection-keys")));
builder.Services.AddJwtIssuer().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(sampleData, "signing-keys")));
builder.Services.AddHealthChecks().AddJwtIssuer();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer().ValidateTokensFromProfile(JwtProfileNames.Access)
    .AddJwtBearer(SampleSchemes.Refresh).ValidateTokensFromProfile(JwtProfileNames.Refresh, SampleSchemes.Refresh);
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapJwks();
app.MapOpenIdConfiguration();
// Healthy; Degraded when a managed key signs past its rotation or a development key signs outside Development;
// Unhealthy when the key store cannot be read (tokens are still issued with the keys loaded).
app.MapHealthChecks("/health");

// Demo credentials: alice / wonderland. A real app checks a user store here.
app.MapPost("/login", (LoginRequest login, IJwtIssuer issuer) =>
{
    if (DemoUsers.Find(login.Username, login.Password) is not { } user) return Results.Unauthorized();
    return Results.Ok(TokenResponse.For(issuer, user));
});

// The refresh token is presented as a bearer token of its own scheme; the response carries new tokens.
app.MapPost("/refresh", (HttpContext context, IJwtIssuer issuer) =>
{
    string? userId = context.User.FindFirst("sub")?.Value;
    if (DemoUsers.FindById(userId) is not { } user) return Results.Unauthorized();
    return Results.Ok(TokenResponse.For(issuer, user));
}).RequireAuthorization(policy => policy.AddAuthenticationSchemes(SampleSchemes.Refresh).RequireAuthenticatedUser());

app.MapGet("/me", (HttpContext context) => Results.Ok(new
{
    sub = context.User.FindFirst("sub")?.Value,
    name = context.User.FindFirst("name")?.Value,
    role = context.User.FindFirst("role")?.Value,
    tenantId = context.User.FindFirst("tenant_id")?.Value,
    scope = context.User.FindFirst("scope")?.Value,
})).RequireAuthorization();

// Roles and the name come from the token's "role" and "name" claims (ValidateTokensFromProfile sets the claim types).
app.MapGet("/admin", (HttpContext context) => Results.Ok(new { name = context.User.Identity?.Name }))
    .RequireAuthorization(policy => policy.RequireRole("admin"));

// Service-to-service: an RS256 token another API (inventory-api) validates through /.well-known/jwks.json.
app.MapPost("/service-token", (HttpContext context, IJwtIssuer issuer) =>
    Results.Ok(new { access_token = issuer.IssueService(sub: context.User.FindFirst("sub")!.Value, scope: "inventory.read"), token_type = "Bearer" }))
    .RequireAuthorization();

app.Run();

/// <summary>Lets the integration tests start the app with WebApplicationFactory.</summary>
public partial class Program;
