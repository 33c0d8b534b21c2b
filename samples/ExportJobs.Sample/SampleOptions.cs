namespace ExportJobs.Sample;

/// <summary>The sample's settings, bound from the <c>Sample</c> configuration section.</summary>
public sealed class SampleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sample";

    /// <summary>The folder the <c>local-folder</c> destination writes under (relative to the content root). Default <c>./exports</c>.</summary>
    public string ExportRoot { get; set; } = "./exports";

    /// <summary>How many records the demo PIM holds (products and their variants). Default 10,000.</summary>
    public int ProductCount { get; set; } = 10_000;

    /// <summary>Whether demo jobs are created when the store is empty. Default <see langword="true"/>.</summary>
    public bool SeedJobs { get; set; } = true;

    /// <summary>
    /// A development credential, empty by default (the sample is then open to every request, and warns at start-up when it
    /// listens on an address other machines may reach). When set, the export-jobs API, the dashboard and the demo
    /// endpoint require it: in an <c>X-Api-Key</c> header, or as the password of HTTP Basic authentication (which a
    /// browser asks for when it opens the dashboard). Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// A second development credential, empty by default, used only together with <see cref="ApiKey"/>: a request with
    /// this key (header or Basic password, as the main key) may read (the job list, jobs, runs, the dashboard) but not
    /// operate (trigger, pause, resume, cancel) or edit (create, update, delete, previews, tests): those answer 403, and
    /// the dashboard hides their buttons. Never logged.
    /// </summary>
    public string? ReadOnlyApiKey { get; set; }

    /// <summary>The longest <see cref="RecordDelay"/> accepted (1 second).</summary>
    public static readonly TimeSpan MaxRecordDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the demo PIM waits before each record it reads, like a slow database; zero (the default) for no wait.
    /// At most <see cref="MaxRecordDelay"/>. With it, a run lasts about <see cref="ProductCount"/> times this delay, so
    /// its progress can be watched and cancelled in the dashboard (for example 300 products and <c>00:00:00.2</c>: a
    /// minute). Applies to every run and preview of this host.
    /// </summary>
    public TimeSpan RecordDelay { get; set; }

    /// <summary>
    /// Whether the start-up creates the demo job <see cref="Seeding.DemoJobSeeder.FailingJobName"/> (once; also on a
    /// store that has jobs) and runs it: its <c>local-folder</c> path is blocked by a file, so every run fails with the
    /// destination's error, and the dashboard shows a failing job. Default <see langword="false"/>.
    /// </summary>
    public bool SeedFailingJob { get; set; }

    /// <summary>
    /// A test seam, empty by default: a folder where the <c>local-folder</c> destination stops right before it publishes,
    /// writing <c>{runId}.held</c> there and waiting until <c>{runId}.release</c> (or <c>release-all</c>) appears (then it checks that the host
    /// still owns the run and renames the file into place). The multi-host tests freeze the host while it waits there.
    /// </summary>
    public string? HoldBeforePublish { get; set; }
}
