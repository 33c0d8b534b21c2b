namespace ExportJobs.Extensibility;

/// <summary>
/// An attribute value that differs per dimension segment, for example a name per language:
/// <c>{ "dim-language": { "seg-en": "Shoe", "seg-de": "Schuh" } }</c>.
/// </summary>
/// <remarks>
/// When the job's <c>dimensionScope</c> chooses a segment for one of the value's dimensions, the value is replaced by
/// that segment's value, or by <see langword="null"/> when the segment has none (an empty CSV cell, JSON <c>null</c>).
/// When the scope names none of its dimensions the value is kept whole: an object keyed by dimension, then segment, in
/// JSON, JSONL and XML, and that object as JSON text in a CSV cell.
/// </remarks>
public sealed class DimensionalValue
{
    /// <summary>Creates a value that varies over one or more dimensions.</summary>
    /// <param name="dimensions">Per dimension id, the value per segment id. Segment values may be any attribute value except another <see cref="DimensionalValue"/>.</param>
    public DimensionalValue(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        Dimensions = dimensions;
    }

    /// <summary>Per dimension id, the value per segment id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Dimensions { get; }

    /// <summary>Creates a value that varies over one dimension, the common case.</summary>
    /// <param name="dimension">The dimension id, for example <c>dim-language</c>.</param>
    /// <param name="segments">The value per segment id, for example <c>{ "seg-en": "Shoe" }</c>.</param>
    public static DimensionalValue For(string dimension, IReadOnlyDictionary<string, object?> segments)
    {
        ArgumentException.ThrowIfNullOrEmpty(dimension);
        ArgumentNullException.ThrowIfNull(segments);
        return new DimensionalValue(new Dictionary<string, IReadOnlyDictionary<string, object?>>(1, StringComparer.Ordinal) { [dimension] = segments });
    }

    /// <summary>
    /// Returns the value of the segment <paramref name="scope"/> chooses for the first of this value's dimensions it
    /// names (<see langword="null"/> when that segment has no value), or this value itself when it names none.
    /// </summary>
    /// <param name="scope">The job's dimension scope.</param>
    public object? Flatten(IReadOnlyDictionary<string, string> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Count == 0)
        {
            return this;
        }

        if (Dimensions is Dictionary<string, IReadOnlyDictionary<string, object?>> dimensions)
        {
            // The usual case (For creates one): its struct enumerator, no enumerator allocated per value.
            foreach (var (dimension, segments) in dimensions)
            {
                if (scope.TryGetValue(dimension, out var segment))
                {
                    return segments.TryGetValue(segment, out var value) ? value : null;
                }
            }

            return this;
        }

        foreach (var (dimension, segments) in Dimensions)
        {
            if (scope.TryGetValue(dimension, out var segment))
            {
                return segments.TryGetValue(segment, out var value) ? value : null;
            }
        }

        return this;
    }

    /// <summary>
    /// <see cref="Flatten"/> for a scope of exactly one dimension (<paramref name="dimension"/>: <paramref name="segment"/>):
    /// the same result with two lookups and no enumeration.
    /// </summary>
    internal object? FlattenOne(string dimension, string segment) =>
        Dimensions.TryGetValue(dimension, out var segments) ? (segments.TryGetValue(segment, out var value) ? value : null) : this;
}
