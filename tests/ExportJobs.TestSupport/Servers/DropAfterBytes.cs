namespace ExportJobs.Testing.Servers;

/// <summary>
/// A <see cref="LoopbackProxy"/> policy that cuts any connection once it would carry more than <c>byteLimit</c> bytes
/// towards the server: small requests pass, a large upload is dropped in the middle.
/// </summary>
/// <param name="byteLimit">Bytes a connection may send towards the server before it is cut.</param>
public sealed class DropAfterBytes(long byteLimit) : IProxyPolicy
{
    /// <inheritdoc />
    public async Task ToServerAsync(ProxyPipe pipe)
    {
        var buffer = new byte[16384];
        long total = 0;
        int read;
        while ((read = await pipe.ReadAsync(buffer)) > 0)
        {
            if (total + read > byteLimit)
            {
                pipe.Drop();
                return;
            }

            total += read;
            await pipe.SendAsync(buffer.AsMemory(0, read));
        }
    }
}
