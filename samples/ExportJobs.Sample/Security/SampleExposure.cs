using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ExportJobs.Sample.Security;

/// <summary>Warns at start-up when the sample listens beyond this machine without an API key.</summary>
public static class SampleExposure
{
    /// <summary>The addresses among <paramref name="addresses"/> that other machines may reach (anything but loopback).</summary>
    /// <param name="addresses">Kestrel's listening addresses (<c>http://127.0.0.1:5080</c>, <c>http://0.0.0.0:80</c>, <c>http://+:80</c>, ...).</param>
    public static IReadOnlyList<string> Reachable(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return [.. addresses.Where(a => !IsLoopback(a))];
    }

    /// <summary>Logs a warning once the server started, when no API key is set and an address is not loopback.</summary>
    /// <param name="app">The sample's application.</param>
    public static void WarnWhenOpen(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SampleOptions>>().Value;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ExportJobs.Sample");
            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                logger.LogInformation("The export-jobs API and dashboard require the API key (header {Header}, or as the Basic password).", SampleApiKeyHandler.HeaderName);
                return;
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (Reachable(addresses) is { Count: > 0 } open)
            {
                logger.LogWarning(
                    "UNPROTECTED: the sample's export-jobs API and dashboard accept every request, and it listens on {Addresses}, which other machines may reach. Set Sample:ApiKey (e.g. --Sample:ApiKey=<a long random key>) to require it in an X-Api-Key header, or listen on 127.0.0.1 only.",
                    string.Join(", ", open));
            }
        });
    }

    private static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://any-host", StringComparison.Ordinal).Replace("://*", "://any-host", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
