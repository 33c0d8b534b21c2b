using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// The README's recipe for a host whose API takes API keys (or bearer tokens) and whose dashboard users sign in with a
/// cookie: the API answers 401/403, never a redirect to a login page, to clients without a cookie; the dashboard
/// redirects to the login page; and the dashboard's own calls to the API work with the cookie alone.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class AuthRecipeTests : IAsyncLifetime
{
    private const string ApiKeyHeader = "X-Api-Key";
    private const string ApiKey = "test-key-of-the-partner";
    private readonly TempDirectory _folder = new();
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddExportJobs()
            .UseLiteDb($"Filename={_folder.File("exportjobs.db")}")
            .AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        builder.Services.AddSingleton<IExportRecordSource>(new GeneratedRecordSource(10));

        // --- the recipe, as in src/ExportJobs.AspNetCore/README.md ---------------------------------------------------
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                // The API is for programs: an API request without a valid cookie gets 401/403, not a 302 to the login page.
                o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>("ApiKey", null);
        builder.Services.AddAuthorization(o =>
        {
            // The API accepts either scheme: partners' programs send a key, the dashboard's page sends the cookie.
            o.AddPolicy("exports-api", p => p.AddAuthenticationSchemes("ApiKey", CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser());
            o.AddPolicy("exports-dashboard", p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapExportJobs("/export-jobs").RequireAuthorization("exports-api");
        app.MapExportJobsDashboard("/export-jobs-ui").RequireAuthorization("exports-dashboard");
        // --- end of the recipe; a stand-in for the host's own sign-in page ----------------------------------------------
        app.MapGet("/login", async (HttpContext context) =>
        {
            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.Text("signed in");
        });

        await app.StartAsync();
        _app = app;
        _address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Api_WithoutCredentials_Is401_NotARedirect()
    {
        using var client = NewClient();

        using var response = await client.GetAsync(new Uri("/export-jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Api_WithTheKey_Answers()
    {
        using var client = NewClient();
        client.DefaultRequestHeaders.Add(ApiKeyHeader, ApiKey);

        using var response = await client.GetAsync(new Uri("/export-jobs", UriKind.Relative));
        using var wrongKey = NewClient();
        wrongKey.DefaultRequestHeaders.Add(ApiKeyHeader, "guessed");
        using var refused = await wrongKey.GetAsync(new Uri("/export-jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithoutACookie_RedirectsToTheLoginPage_AndAfterSignIn_ItAndTheApiAnswerWithTheCookieAlone()
    {
        var cookies = new CookieContainer();
        using var client = NewClient(cookies);

        using var redirected = await client.GetAsync(new Uri("/export-jobs-ui/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/login", redirected.Headers.Location!.AbsolutePath);

        (await client.GetAsync(new Uri("/login", UriKind.Relative))).EnsureSuccessStatusCode();
        using var page = await client.GetAsync(new Uri("/export-jobs-ui/", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/export-jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    private HttpClient NewClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = _address };

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/export-jobs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>A stand-in for the host's API-key (or bearer-token) scheme: one fixed key, compared in constant time.</summary>
    private sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(ApiKeyHeader, out var sent))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(sent.ToString()), System.Text.Encoding.UTF8.GetBytes(ApiKey)))
            {
                return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "partner")], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
