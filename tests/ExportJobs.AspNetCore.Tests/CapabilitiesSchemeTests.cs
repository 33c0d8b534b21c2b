using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// The capabilities endpoint answers as the endpoints themselves would: a policy that names its own authentication
/// scheme (an API key beside the host's default scheme) is evaluated with that scheme, not with the request's default user.
/// </summary>
public sealed class CapabilitiesSchemeTests : IAsyncLifetime
{
    private const string KeyScheme = "Key";
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(roles: true, web: builder =>
    {
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, KeyHandler>(KeyScheme, null);
        // After the host's own policies: editing is granted only through the key's scheme.
        builder.Services.PostConfigure<AuthorizationOptions>(o =>
            o.AddPolicy("edit", p => p.AddAuthenticationSchemes(KeyScheme).RequireAuthenticatedUser().RequireClaim("role", "editor")));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task APolicyWithItsOwnScheme_IsEvaluatedWithThatScheme_AsAtItsEndpoints()
    {
        using var client = _host.ClientAs("viewer");
        client.DefaultRequestHeaders.Add("X-Key", "editor");

        var capabilities = (await client.GetFromJsonAsync<JsonObject>(new Uri("/export-jobs/capabilities", UriKind.Relative)))!;
        using var create = await client.PostJsonAsync("/export-jobs", JobBodies.Valid());

        // The endpoint lets the key's editor create a job, so the capabilities must say it may edit...
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.True(capabilities["edit"]!.GetValue<bool>(), capabilities.ToJsonString());
        // ...while the kinds on the default scheme still see the viewer the request signed in as.
        Assert.True(capabilities["read"]!.GetValue<bool>());
        Assert.False(capabilities["operate"]!.GetValue<bool>());
    }

    [Fact]
    public async Task WithoutTheKey_EditIsRefused_AndSaidSo()
    {
        using var client = _host.ClientAs("editor");

        var capabilities = (await client.GetFromJsonAsync<JsonObject>(new Uri("/export-jobs/capabilities", UriKind.Relative)))!;
        using var create = await client.PostJsonAsync("/export-jobs", JobBodies.Valid());

        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode); // the key scheme challenges
        Assert.False(capabilities["edit"]!.GetValue<bool>(), capabilities.ToJsonString());
        Assert.True(capabilities["operate"]!.GetValue<bool>());
    }

    /// <summary>Signs in the role named by the <c>X-Key</c> header.</summary>
    private sealed class KeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Key", out var key) || string.IsNullOrEmpty(key))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim("role", key.ToString())], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
