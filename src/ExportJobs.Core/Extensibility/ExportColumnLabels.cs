namespace ExportJobs.Extensibility;

/// <summary>
/// The labels of an <see cref="ExportColumn"/>, per segment of one dimension, for example
/// <c>new ExportColumnLabels("dim-language", { "seg-en": "Name", "seg-de": "Bezeichnung" })</c>.
/// </summary>
/// <param name="Dimension">The dimension whose segments key the labels, for example <c>dim-language</c>.</param>
/// <param name="Segments">The label per segment id.</param>
/// <remarks>
/// A job with <c>"headers": "labels"</c> uses the label of the segment its <c>dimensionScope</c> chooses for
/// <paramref name="Dimension"/>; without a scope for that dimension, or without a (non-empty) label for the chosen
/// segment, the header is the column's code.
/// </remarks>
public sealed record ExportColumnLabels(string Dimension, IReadOnlyDictionary<string, string> Segments)
{
    /// <summary>The label for the segment <paramref name="dimensionScope"/> chooses, or <see langword="null"/> when there is none.</summary>
    /// <param name="dimensionScope">The job's dimension scope.</param>
    public string? For(IReadOnlyDictionary<string, string> dimensionScope)
    {
        ArgumentNullException.ThrowIfNull(dimensionScope);
        return Dimension is not null && Segments is not null
            && dimensionScope.TryGetValue(Dimension, out var segment)
            && Segments.TryGetValue(segment, out var label)
            && !string.IsNullOrWhiteSpace(label)
                ? label
                : null;
    }
}
