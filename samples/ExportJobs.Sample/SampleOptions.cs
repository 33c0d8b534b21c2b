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
    /// A test seam, empty by default: a folder where the <c>local-folder</c> destination stops right before it publishes,
    /// writing <c>{runId}.held</c> there and waiting until <c>{runId}.release</c> (or <c>release-all</c>) appears (then it checks that the host
    /// still owns the run and renames the file into place). The multi-host tests freeze the host while it waits there.
    /// </summary>
    public string? HoldBeforePublish { get; set; }
}
