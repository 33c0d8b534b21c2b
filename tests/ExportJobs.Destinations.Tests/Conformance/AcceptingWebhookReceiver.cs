using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.Tests.Conformance;

/// <summary>
/// A receiver (Kestrel on 127.0.0.1) that checks an API key header as a real one would: 401 without the right key,
/// else 200 (HEAD too). It keeps the body of every request it accepted in full: what is "stored" at a webhook.
/// </summary>
public sealed class AcceptingWebhookReceiver : IAsyncDisposable
{
    public const string KeyHeader = "X-Api-Key";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _accepted = new();

    private AcceptingWebhookReceiver(WebApplication app, string key)
    {
        _app = app;
        Key = key;
    }

    public string Key { get; }

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<byte[]> Accepted => [.. _accepted];

    public static async Task<AcceptingWebhookReceiver> StartAsync(string key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new AcceptingWebhookReceiver(app, key);
        app.Map("/hooks/kit", async (HttpContext context) =>
        {
            if (context.Request.Headers[KeyHeader] != key)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                receiver._accepted.Enqueue(body.ToArray());
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        receiver.Url = $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}/hooks/kit";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
