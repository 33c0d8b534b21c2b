using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace ExportJobs.AspNetCore.Tests.Http;

/// <summary>A client that Kestrel cuts off for sending its body too slowly is one log line, not an unhandled exception with a stack.</summary>
public sealed class SlowClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private ApiHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ApiHost.StartAsync(web: b => b.WebHost.ConfigureKestrel(o =>
            o.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1000, gracePeriod: TimeSpan.FromSeconds(2))));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task BodyTooSlow_Is408_AndOneLogLineWithoutStack()
    {
        var address = _host.Client.BaseAddress!;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var head = $"POST /export-jobs HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Test exporter\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{\"name\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Nothing more is sent: Kestrel's rate check (once a second, after the grace period) ends the body read.
        var status = await ReadStatusLineAsync(stream).WaitAsync(Bound);

        Assert.StartsWith("HTTP/1.1 408", status, StringComparison.Ordinal);
        await WaitForAsync(() => _host.Logs.Entries.Any(e => e.Category == "ExportJobs.AspNetCore.RequestBody"));
        var line = Assert.Single(_host.Logs.Entries, e => e.Category == "ExportJobs.AspNetCore.RequestBody");
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Null(line.Exception);
        Assert.Contains("408", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Exception is not null && e.Level >= LogLevel.Information);
    }

    private static async Task<string> ReadStatusLineAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    private async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not logged within {Bound.TotalSeconds:0} s. The log: " + string.Join(" | ", _host.Logs.Entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}")));
            await Task.Delay(20);
        }
    }
}
