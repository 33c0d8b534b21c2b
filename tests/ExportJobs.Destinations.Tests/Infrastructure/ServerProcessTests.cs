using System.Net;
using System.Net.Sockets;
using ExportJobs.Testing.Servers;
using Xunit;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>
/// The test servers' start-up: ready means the server itself says it listens on its port, and a port taken by someone
/// else meanwhile means another port, never talking to the wrong server.
/// </summary>
public sealed class ServerProcessTests
{
    private static string S3rver => RepositoryPaths.NpmTool("s3rver");

    [Fact]
    public async Task StartAsync_PortTakenByAnotherListener_StartsOnAnotherPort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var offered = new Queue<int>([taken, LoopbackPorts.GetFree()]);
        var data = Directory.CreateTempSubdirectory("exportjobs-serverprocess-");
        try
        {
            await using var server = await ServerProcess.StartAsync("s3rver", S3rver, port => S3rverServer.ArgumentsFor(data.FullName, port), S3rverServer.ListeningLineFor, RepositoryPaths.InstallHint, offered.Dequeue);

            Assert.Empty(offered);
            Assert.NotEqual(taken, server.Port);
            using var http = new HttpClient();
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{server.Port}/"));
            Assert.Contains("ListAllMyBucketsResult", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_ServerExitsForAnotherReason_FailsAtOnceWithItsOutputAndTheInstallHint()
    {
        var offered = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(
            "s3rver", S3rver, _ => ["--silent"], S3rverServer.ListeningLineFor, RepositoryPaths.InstallHint, () => { offered++; return LoopbackPorts.GetFree(); }));

        Assert.Equal(1, offered);
        Assert.Contains("s3rver exited before it listened", error.Message, StringComparison.Ordinal);
        Assert.Contains("required option", error.Message, StringComparison.Ordinal);
        Assert.Contains(RepositoryPaths.InstallHint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReserveClosed_RefusesConnectionsWhileHeld()
    {
        using var closed = LoopbackPorts.ReserveClosed();
        using var client = new TcpClient();

        var error = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, closed.Port));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public void GetFree_NeverHandsOutAPortTwiceInOneProcess()
    {
        var ports = Enumerable.Range(0, 200).Select(_ => LoopbackPorts.GetFree()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
