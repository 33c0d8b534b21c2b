namespace ExportJobs.Model;

/// <summary>One file a run delivered: a part of a split run (and, in the manifest, each part's figures).</summary>
public sealed record ExportRunFile
{
    /// <summary>The file's name as rendered from the job's template (with <c>{part}</c> and <c>.gz</c> when compressed).</summary>
    public required string Name { get; init; }

    /// <summary>Where the destination put it (its <see cref="Extensibility.DeliveryResult.DestinationPath"/>).</summary>
    public required string Path { get; init; }

    /// <summary>The records in this file.</summary>
    public required long Records { get; init; }

    /// <summary>The file's size in bytes, as delivered (after gzip).</summary>
    public required long Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the delivered bytes.</summary>
    public required string Checksum { get; init; }
}
