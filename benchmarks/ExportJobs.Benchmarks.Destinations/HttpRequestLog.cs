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
    private const string ResponseEvent = "System.Net.Http.Response";
    private readonly ConcurrentQueue<(long Timestamp, string Method)> _requests = new();
    private readonly ConcurrentQueue<(long Start, long End)> _publishes = new();
    private readonly ConcurrentDictionary<HttpRequestMessage, long> _publishing = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public HttpRequestLog() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Requests that carry data (PUT: S3 parts and objects, Azure blocks, blobs and block lists), by when they were sent.</summary>
    public IReadOnlyList<long> Puts => [.. _requests.Where(r => r.Method == "PUT").Select(r => r.Timestamp).Order()];

    public int Count => _requests.Count;

    /// <summary>
    /// The publish requests (s3 CompleteMultipartUpload: POST ?uploadId=; Azure Put Block List: PUT ?comp=blocklist),
    /// from sent to answered: the step that can start only once the whole file is written.
    /// </summary>
    public IReadOnlyList<(long Start, long End)> Publishes => [.. _publishes.OrderBy(p => p.Start)];

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "HttpHandlerDiagnosticListener")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, (name, _, _) => name is RequestEvent or ResponseEvent));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RequestEvent && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage request)
        {
            var now = Stopwatch.GetTimestamp();
            _requests.Enqueue((now, request.Method.Method));
            if (IsPublish(request))
            {
                _publishing[request] = now;
            }

            BenchTrace.Write($"request {request.Method} {Redacted(request.RequestUri)}");
        }
        else if (value.Key == ResponseEvent && value.Value?.GetType().GetProperty("Response")?.GetValue(value.Value) is HttpResponseMessage response)
        {
            if (response.RequestMessage is { } answered && _publishing.TryRemove(answered, out var start))
            {
                _publishes.Enqueue((start, Stopwatch.GetTimestamp()));
            }

            BenchTrace.Write($"response {(int)response.StatusCode} {response.RequestMessage?.Method} {Redacted(response.RequestMessage?.RequestUri)}");
        }
    }

    /// <summary>The query without a SAS signature's value (<c>sig=</c>), for the trace.</summary>
    private static string Redacted(Uri? uri) => System.Text.RegularExpressions.Regex.Replace(uri?.Query ?? string.Empty, "(?i)([?&]sig=)[^&]*", "$1(redacted)");

    private static bool IsPublish(HttpRequestMessage request)
    {
        var query = request.RequestUri?.Query ?? string.Empty;
        return (request.Method == HttpMethod.Post && query.Contains("uploadId=", StringComparison.Ordinal))
            || (request.Method == HttpMethod.Put && query.Contains("comp=blocklist", StringComparison.Ordinal));
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
