using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Notifications.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver (Kestrel on 127.0.0.1, a port it picks) for the webhook and Slack channels: records every request
/// and answers with the status the test scripts (by request number).
/// </summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HttpReceiver(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/exports?token=query-secret";

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Completes once <paramref name="count"/> requests arrived; fails after 20 s naming how many did.</summary>
    public async Task WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            Task arrived;
            lock (_lock)
            {
                if (_requests.Count >= count)
                {
                    return;
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited 20 s for {count} request(s); {_requests.Count} arrived.");
            }
        }
    }

    /// <summary>Starts a receiver; <paramref name="status"/> gets the 1-based request number and returns the status to answer.</summary>
    public static async Task<HttpReceiver> StartAsync(Func<int, int>? status = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new HttpReceiver(app);
        var count = 0;
        app.MapPost("/hooks/exports", async (HttpContext context) =>
        {
            var number = Interlocked.Increment(ref count);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            context.Response.StatusCode = status?.Invoke(number) ?? 200;
            TaskCompletionSource arrived;
            lock (receiver._lock)
            {
                receiver._requests.Enqueue(new ReceivedRequest(headers, body.ToArray(), context.Request.QueryString.Value));
                arrived = receiver._arrived;
                receiver._arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            arrived.SetResult();
        });
        await app.StartAsync();
        receiver.Port = new Uri(app.Urls.Single()).Port;
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the receiver got it.</summary>
public sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body, string? Query);
