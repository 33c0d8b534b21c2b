namespace ExportJobs.Testing.Servers;

/// <summary>
/// What a <see cref="LoopbackProxy"/> does with the bytes of one direction of one connection. The proxy reads, the
/// policy decides: forward them (changed or not), cut the connection, or hold it until the test releases it.
/// </summary>
/// <remarks>
/// One policy instance serves every connection of its proxy, each direction on its own task, so state it keeps across
/// connections needs a lock. An exception other than the connection closing fails the proxy's
/// <see cref="LoopbackProxy.DisposeAsync"/>, so a policy that meets traffic it cannot handle fails the test.
/// </remarks>
public interface IProxyPolicy
{
    /// <summary>Forwards client to server until the client stops sending or the policy ends the connection.</summary>
    /// <param name="pipe">The client-to-server direction of one connection.</param>
    Task ToServerAsync(ProxyPipe pipe);

    /// <summary>Forwards server to client; by default every byte, unchanged.</summary>
    /// <param name="pipe">The server-to-client direction of one connection.</param>
    Task ToClientAsync(ProxyPipe pipe) => pipe.CopyAsync();
}
