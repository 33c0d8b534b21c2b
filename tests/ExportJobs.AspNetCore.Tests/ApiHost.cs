using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// A real ASP.NET Core host on Kestrel at 127.0.0.1 (free port) with ExportJobs on a temp LiteDB file, the
/// <see cref="RecordingDestination"/> as <c>recording</c>, and an <c>exports</c> policy that needs the header
/// <c>Authorization: Test exporter</c>. Unless the test registers one, its record source is a
/// <see cref="GeneratedRecordSource"/> of 100 records (a host with the scheduler on cannot start without one).
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string Scheme = "Test";
    private readonly TempDirectory _folder = new();
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public ExportJobStore Store => Services.GetRequiredService<ExportJobStore>();

    /// <summary>The address of the host (http://127.0.0.1:port/).</summary>
    public Uri Address => Anonymous.BaseAddress!;

    /// <summary>A client of the host that authenticates as a user with <paramref name="role"/>.</summary>
    public HttpClient ClientAs(string role)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(Scheme, role);
        return client;
    }

    /// <summary>Everything the host logged, at every level.</summary>
    public LogSink Logs { get; } = new();

    /// <param name="api">Changes the API options.</param>
    /// <param name="exportJobs">Adds to the ExportJobs registration (more destinations, for example).</param>
    /// <param name="web">Changes the web host (Kestrel limits, for example).</param>
    /// <param name="roles">
    /// Maps the API (and the dashboard at <c>/export-jobs-ui</c>) with the policies <c>read</c> (role viewer, operator or
    /// editor), <c>operate</c> (operator or editor) and <c>edit</c> (editor) instead of the one <c>exports</c> policy.
    /// </param>
    public static async Task<ApiHost> StartAsync(Action<ExportJobsApiOptions>? api = null, Action<IExportJobsBuilder>? exportJobs = null, Action<WebApplicationBuilder>? web = null, bool roles = false)
    {
        var host = new ApiHost();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(host.Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var registration = builder.Services.AddExportJobs()
            .UseLiteDb($"Filename={host._folder.File("exportjobs.db")}")
            .AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        // A scheduler host needs a record source to start; a test registers its own (or removes this one) in exportJobs.
        builder.Services.AddSingleton<IExportRecordSource>(new GeneratedRecordSource(100));
        exportJobs?.Invoke(registration);
        web?.Invoke(builder);
        if (api is not null)
        {
            builder.Services.Configure(api);
        }

        // As the README advises a host: routing's own answers (415 for a body that is not JSON, 405) become problem details.
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(Scheme, null);
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy("exports", p => p.RequireAuthenticatedUser().RequireClaim("role", "exporter"));
            o.AddPolicy("read", p => p.RequireAuthenticatedUser().RequireClaim("role", "viewer", "operator", "editor"));
            o.AddPolicy("operate", p => p.RequireAuthenticatedUser().RequireClaim("role", "operator", "editor"));
            o.AddPolicy("edit", p => p.RequireAuthenticatedUser().RequireClaim("role", "editor"));
        });

        var app = builder.Build();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        if (roles)
        {
            var policies = new ExportJobsAuthorization { ReadPolicy = "read", OperatePolicy = "operate", EditPolicy = "edit" };
            app.MapExportJobs("/export-jobs", policies);
            app.MapExportJobsDashboard("/export-jobs-ui", o => o.Authorization = policies);
        }
        else
        {
            app.MapExportJobs("/export-jobs").RequireAuthorization("exports");
        }

        await app.StartAsync();
        host._app = app;

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        host.Anonymous = new HttpClient { BaseAddress = address };
        host.Client = new HttpClient { BaseAddress = address };
        host.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(Scheme, roles ? "editor" : "exporter");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Anonymous?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }

    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith(ApiHost.Scheme + " ", StringComparison.Ordinal))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var role = header[(ApiHost.Scheme.Length + 1)..];
            var identity = new ClaimsIdentity([new Claim("role", role), new Claim(ClaimTypes.Name, role)], ApiHost.Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiHost.Scheme)));
        }
    }
}
