using System.Collections.Concurrent;
using System.Diagnostics;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// When every outgoing HTTP request of this process was sent (from the runtime's own <c>HttpHandlerDiagnosticListener</c>
/// events, so it sees the SDKs' requests without touching their clients). Used to tell whether uploads started before
/// the export had read its last record, that is, whether delivery overlapped the export.
/// </summary>
internal sealed class HttpRequestLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string RequestEvent = "System.Net.Http.Request";
    private readonly ConcurrentQueue<(long Timestamp, string Method)> _requests = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public HttpRequestLog() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Requests that carry data (PUT: S3 parts and objects, Azure blocks, blobs and block lists), by when they were sent.</summary>
    public IReadOnlyList<long> Puts => [.. _requests.Where(r => r.Method == "PUT").Select(r => r.Timestamp).Order()];

    public int Count => _requests.Count;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "HttpHandlerDiagnosticListener")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, (name, _, _) => name.StartsWith("System.Net.Http.Request", StringComparison.Ordinal)));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RequestEvent && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage request)
        {
            _requests.Enqueue((Stopwatch.GetTimestamp(), request.Method.Method));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
