namespace ExportJobs.Benchmarks.Destinations;

/// <summary>What one child process measures (passed to it as JSON).</summary>
/// <param name="Kind">
/// <c>full</c>: export + delivery through the destination (run start to run success); <c>local</c>: the same export to
/// the local-folder destination; <c>sdk</c>: the SDK's own upload of <paramref name="File"/> with default options;
/// <c>destination</c>: the destination's <c>DeliverAsync</c> of <paramref name="File"/>; <c>streamed</c>: its
/// <c>DeliverStreamingAsync</c> while <paramref name="File"/> is copied into a growing spool file, as a run writes one.
/// </param>
/// <param name="Target">s3 or azure-blob (local: none).</param>
/// <param name="Format">The export format (full, local).</param>
/// <param name="Gzip">Whether the job compresses (full, local).</param>
/// <param name="Records">Records exported (full, local).</param>
/// <param name="PoolSize">Distinct pre-generated records the export cycles through.</param>
/// <param name="Compression">The host's gzip level (ExportJobsOptions.CompressionLevel).</param>
/// <param name="File">The file to upload (sdk, destination).</param>
/// <param name="FileSha256">Its SHA-256, known in advance.</param>
/// <param name="Keep">For local: where to move the exported file (the file the SDK side uploads).</param>
/// <param name="Endpoints">The servers.</param>
/// <param name="Warmup">
/// Before the timed part, in the same process: a warm-up export of this many records through the same destination
/// (full, local), or an upload of the file's first <c>Warmup / 4,000</c> MiB (sdk); 0: none. It runs the same code paths
/// once (multipart, blocks) so that the timed part does not include their JIT compilation, as in a host that has run
/// exports before.
/// </param>
internal sealed record SideSpec(
    string Kind,
    string? Target,
    string? Format,
    bool Gzip,
    int Records,
    int PoolSize,
    string Compression,
    string? File,
    string? FileSha256,
    string? Keep,
    Endpoints Endpoints,
    int Warmup = 0);

/// <summary>What one child process measured.</summary>
/// <param name="Seconds">The timed part (see <see cref="SideSpec.Kind"/>).</param>
/// <param name="FileBytes">The delivered file's size.</param>
/// <param name="Sha256">Its SHA-256 as the run (or the parent) gave it.</param>
/// <param name="Verified">The copy read back from the server (or the local file) has that SHA-256.</param>
/// <param name="BaselineRssBytes">Peak resident set before the timed part (VmHWM).</param>
/// <param name="PeakRssBytes">Peak resident set at its end.</param>
/// <param name="Puts">HTTP PUT requests (parts, blocks, objects) sent during the timed part.</param>
/// <param name="PutsBeforeSourceEnd">Of those, how many were sent before the export had read its last record.</param>
/// <param name="FirstPutSeconds">When the first PUT was sent, from the start of the timed part (-1: none).</param>
/// <param name="SourceEndSeconds">When the export read its last record, from the start (-1: not an export).</param>
/// <param name="Skipped">Why nothing was measured (the destination does not stream), else <see langword="null"/>.</param>
/// <param name="CpuSeconds">CPU time (user + system, all threads) this process spent in the timed part.</param>
/// <param name="ServerCpuSeconds">CPU time the target's server process (s3rver, Azurite) spent meanwhile (0: no server).</param>
/// <param name="PublishSeconds">How long the publish request took, sent to answered (s3 CompleteMultipartUpload, Azure Put Block List; 0: none).</param>
internal sealed record SideResult(
    double Seconds,
    long FileBytes,
    string Sha256,
    bool Verified,
    long BaselineRssBytes,
    long PeakRssBytes,
    int Puts,
    int PutsBeforeSourceEnd,
    double FirstPutSeconds,
    double SourceEndSeconds,
    string? Skipped = null,
    double CpuSeconds = 0,
    double ServerCpuSeconds = 0,
    double PublishSeconds = 0);
