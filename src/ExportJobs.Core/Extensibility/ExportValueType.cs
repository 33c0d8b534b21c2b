namespace ExportJobs.Extensibility;

#pragma warning disable CA1720 // The members are named after the value kinds users know (string, integer, decimal), not after .NET types.

/// <summary>The kind of values a column holds: a hint for formats with typed columns (<see cref="ExportColumn.ValueType"/>).</summary>
public enum ExportValueType
{
    /// <summary>Text (the default); numbers, booleans and dates are written as their invariant text, arrays and objects as JSON.</summary>
    String,

    /// <summary>Whole numbers (64-bit).</summary>
    Integer,

    /// <summary>Decimal numbers.</summary>
    Decimal,

    /// <summary><see langword="true"/> or <see langword="false"/>.</summary>
    Boolean,

    /// <summary>Instants (<see cref="DateTimeOffset"/>, <see cref="DateTime"/>, <see cref="DateOnly"/>), written in UTC.</summary>
    DateTime,
}
