namespace ExportJobs.Formats;

/// <summary>What kind of value an attribute holds, as the built-in formats tell them apart.</summary>
public enum ExportValueKind
{
    /// <summary>No value.</summary>
    Null,

    /// <summary>Text.</summary>
    Text,

    /// <summary><see langword="true"/> or <see langword="false"/>.</summary>
    Boolean,

    /// <summary>Any integer or floating-point type, or <see cref="decimal"/>.</summary>
    Number,

    /// <summary><see cref="DateTimeOffset"/>, <see cref="DateTime"/> or <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary>A sequence of values.</summary>
    Array,

    /// <summary>Named values: a dictionary, or a <see cref="Extensibility.DimensionalValue"/> the job did not scope.</summary>
    Map,

    /// <summary>Another type, written as its invariant-culture text.</summary>
    Other,
}
