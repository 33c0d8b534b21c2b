using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>A real HTTP receiver (Kestrel on 127.0.0.1) that records every request and answers as the test scripts it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The port Kestrel bound (it picks a free one itself).</summary>
    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/products";

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>How many requests arrived (counted before their body is read).</summary>
    public int Arrivals => Volatile.Read(ref _count);

    /// <summary>Waits (at most 5 s) until <paramref name="count"/> requests arrived; returns how many did.</summary>
    public async Task<int> WaitForArrivalsAsync(int count)
    {
        for (var i = 0; i < 50 && Arrivals < count; i++)
        {
            await Task.Delay(100);
        }

        return Arrivals;
    }

    /// <summary>Starts a receiver; <paramref name="respond"/> gets the 1-based request number and returns the status (or waits).</summary>
    public static async Task<WebhookReceiver> StartAsync(Func<int, CancellationToken, Task<int>> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Map("/hooks/products", async (HttpContext context) =>
        {
            var number = Interlocked.Increment(ref receiver._count);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver._requests.Enqueue(new ReceivedRequest(context.Request.Method, headers, body.ToArray()));
            context.Response.StatusCode = await respond(number, context.RequestAborted);
        });
        await app.StartAsync();
        receiver.Port = new Uri(app.Urls.Single()).Port;
        return receiver;
    }

    public static Task<WebhookReceiver> StartAsync(params int[] statuses) =>
        StartAsync((n, _) => Task.FromResult(statuses[Math.Min(n, statuses.Length) - 1]));

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Method, IReadOnlyDictionary<string, string> Headers, byte[] Body);
