using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TokenIssuer.TestSupport;

/// <summary>
/// A downstream API with stock <c>AddJwtBearer(o =&gt; { o.Authority = …; o.Audience = …; })</c>, whose backchannel
/// reaches the issuing instances (their test servers' handlers) in turn, as a load balancer would. JwtBearer's periodic metadata refresh (12 hours,
/// at least 5 minutes) is scaled down to the seconds of these tests: a refresh is requested every half second, which
/// IdentityModel honours at most once per RefreshInterval (1 s). PropagationTime covers it, as 14 days cover the real 12 hours.
/// </summary>
public sealed class DownstreamValidator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _refreshing;

    private DownstreamValidator(WebApplication app)
    {
        _app = app;
        _client = app.GetTestClient();
        _refreshing = RefreshMetadataAsync(_stop.Token);
    }

    /// <summary>Starts the API: tokens of <paramref name="audience"/> from <paramref name="authority"/>'s discovery document.</summary>
    public static async Task<DownstreamValidator> StartAsync(string authority, string audience, params HttpMessageHandler[] backchannels)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = authority;
            o.Audience = audience;
            o.BackchannelHttpHandler = new RoundRobinHandler(backchannels);
            o.AutomaticRefreshInterval = TimeSpan.FromMinutes(5);
            o.RefreshInterval = TimeSpan.FromSeconds(1);
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", () => "orders").RequireAuthorization();
        await app.StartAsync();
        return new DownstreamValidator(app);
    }

    /// <summary>Whether the API accepts <paramref name="token"/> as a bearer token.</summary>
    public async Task<bool> AcceptsAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task RefreshMetadataAsync(CancellationToken stop)
    {
        var options = _app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                options.ConfigurationManager?.RequestRefresh();
                await Task.Delay(500, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _refreshing;
        _client.Dispose();
        await _app.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Sends each request to the next of the given handlers.</summary>
    private sealed class RoundRobinHandler(HttpMessageHandler[] handlers) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker[] _invokers = handlers.Select(h => new HttpMessageInvoker(h)).ToArray();
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => _invokers[(int)((uint)Interlocked.Increment(ref _next) % _invokers.Length)].SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing) foreach (var invoker in _invokers) invoker.Dispose();
            base.Dispose(disposing);
        }
    }
}
