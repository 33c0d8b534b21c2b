namespace ExportJobs.Testing.Servers;

/// <summary>
/// A <see cref="LoopbackProxy"/> policy that, once <c>stallAfterBytes</c> bytes have gone towards the server (over all
/// connections), holds the connection that crossed that mark until <see cref="LoopbackProxy.Release"/>: an upload stops
/// in the middle, with the server holding what came before, for as long as the test needs. Only that connection is
/// held, and only once; every other byte passes.
/// </summary>
/// <remarks>The seam for "cancelled mid-upload": <see cref="LoopbackProxy.Stalled"/> completes when the upload is in the middle.</remarks>
/// <param name="stallAfterBytes">Bytes towards the server (all connections together) after which the connection carrying them is held.</param>
public sealed class StallAfterBytes(long stallAfterBytes) : IProxyPolicy
{
    private readonly Lock _gate = new();
    private long _seen;
    private bool _stalling;

    /// <inheritdoc />
    public async Task ToServerAsync(ProxyPipe pipe)
    {
        var buffer = new byte[16384];
        int read;
        while ((read = await pipe.ReadAsync(buffer)) > 0)
        {
            var pass = read;
            var hold = false;
            lock (_gate)
            {
                if (!_stalling && _seen + read >= stallAfterBytes)
                {
                    _stalling = true;
                    hold = true;
                    pass = (int)Math.Max(0, stallAfterBytes - _seen);
                }

                _seen += read;
            }

            await pipe.SendAsync(buffer.AsMemory(0, pass));
            if (hold)
            {
                await pipe.HoldAsync();
                await pipe.SendAsync(buffer.AsMemory(pass, read - pass));
            }
        }
    }
}
