using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ExportJobs.Sample.Security;

/// <summary>
/// Signs a request in when it carries the sample's API key (<c>Sample:ApiKey</c>): in an <c>X-Api-Key</c> header (API
/// clients, curl) or as the password of HTTP Basic authentication (any user name; a browser asks for it when the
/// dashboard answers 401, and sends it with the dashboard's own API calls). Compared in constant time. The read-only key
/// (<c>Sample:ReadOnlyApiKey</c>, only with the main key) signs in too, with <see cref="AccessClaim"/> <see cref="ReadAccess"/>.
/// </summary>
/// <remarks>A development credential for the sample, not a user store: roles and real sign-in are the host's to choose.</remarks>
public sealed class SampleApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SampleOptions> sample)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The authentication scheme's name.</summary>
    public const string SchemeName = "SampleApiKey";

    /// <summary>The header API clients send the key in.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim saying what the key may do: <see cref="FullAccess"/> (<c>Sample:ApiKey</c>) or <see cref="ReadAccess"/> (<c>Sample:ReadOnlyApiKey</c>).</summary>
    public const string AccessClaim = "sample-access";

    /// <summary>The <see cref="AccessClaim"/> of the main key: read, operate and edit.</summary>
    public const string FullAccess = "full";

    /// <summary>The <see cref="AccessClaim"/> of the read-only key: read only.</summary>
    public const string ReadAccess = "read";

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = sample.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(expected))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var given = Request.Headers[HeaderName].ToString();
        var user = "api-key";
        if (given.Length == 0 && AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            (user, given) = ReadBasic(parameter);
        }

        if (given.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var readOnly = sample.CurrentValue.ReadOnlyApiKey;
        string access;
        if (Matches(given, expected))
        {
            access = FullAccess;
        }
        else if (!string.IsNullOrEmpty(readOnly) && Matches(given, readOnly))
        {
            access = ReadAccess;
        }
        else
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is wrong."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Length > 0 ? user : "api-key"), new Claim(AccessClaim, access)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Basic makes a browser ask for the key (as the password) when it opens the dashboard.
        Response.Headers.WWWAuthenticate = "Basic realm=\"ExportJobs sample\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }

    private static bool Matches(string given, string key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));

    private static (string User, string Password) ReadBasic(string parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (string.Empty, string.Empty) : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (string.Empty, string.Empty);
        }
    }
}
