using ExportJobs.Model;

namespace ExportJobs.Running;

/// <summary>
/// How far a run got: for its error message when it fails, and for the live <see cref="ExportRunProgress"/> the API
/// shows and the lease heartbeat stores. Written by the run's own tasks, read by any thread.
/// </summary>
internal sealed class RunProgress
{
    private long _records;
    private long _fileBytes;
    private long _deliveredBytes;
    private int _shown = (int)ExportRunProgressStage.Source;

    /// <summary>Where the run is in finer steps (source and writer alternate per record), for error messages.</summary>
    public ExportRunStage Stage { get; set; } = ExportRunStage.Preparing;

    /// <summary>The stage shown in <see cref="ExportRunProgress"/>.</summary>
    public ExportRunProgressStage Shown
    {
        get => (ExportRunProgressStage)Volatile.Read(ref _shown);
        set => Volatile.Write(ref _shown, (int)value);
    }

    public long Records
    {
        get => Volatile.Read(ref _records);
        set => Volatile.Write(ref _records, value);
    }

    public string? FileName { get; set; }

    public string? SourceName { get; set; }

    /// <summary>Which file of a split run is being delivered (<c>part 3 of 5</c>), for error messages; <see langword="null"/> for one file.</summary>
    public string? Part { get; set; }

    /// <summary>What a failed split run left at the destination (or that it removed everything), appended to its error.</summary>
    public string? DeliveryNote { get; set; }

    /// <summary>Reads the spool file's size so far (after gzip), while it is written.</summary>
    public Func<long>? FileBytes { get; set; }

    /// <summary>The complete file's size, once it is written.</summary>
    public long FileLength
    {
        get => Volatile.Read(ref _fileBytes);
        set => Volatile.Write(ref _fileBytes, value);
    }

    /// <summary>Adds bytes a destination read of the file.</summary>
    public void AddDelivered(int count) => Interlocked.Add(ref _deliveredBytes, count);

    /// <summary>The figures as of <paramref name="now"/>.</summary>
    public ExportRunProgress Snapshot(DateTimeOffset now)
    {
        var stage = Shown;
        var bytes = stage switch
        {
            ExportRunProgressStage.Source => 0,
            ExportRunProgressStage.Writer => FileBytes?.Invoke() ?? 0,
            ExportRunProgressStage.Delivery => Math.Min(Interlocked.Read(ref _deliveredBytes), FileLength),
            _ => FileLength,
        };
        return new ExportRunProgress(stage, Records, bytes, now);
    }
}
