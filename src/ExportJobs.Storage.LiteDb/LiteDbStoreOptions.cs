namespace ExportJobs.Storage.LiteDb;

/// <summary>Settings of the LiteDB store, bound from the <c>ExportJobs:LiteDb</c> configuration section.</summary>
public sealed class LiteDbStoreOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "ExportJobs:LiteDb";

    /// <summary>The longest <see cref="LockTimeout"/> accepted.</summary>
    public static readonly TimeSpan MaxLockTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a starting host waits for another process to release the database file before its start fails;
    /// 30 seconds by default, between zero (fail at once) and one hour.
    /// </summary>
    /// <remarks>
    /// A LiteDB file belongs to one process. During a rolling deploy the new instance starts while the old one is still
    /// stopping; the wait lets it take the file over as soon as the old one has closed it. A host that still holds the
    /// file after this long is another instance, and the start fails with a message that names its process.
    /// </remarks>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
