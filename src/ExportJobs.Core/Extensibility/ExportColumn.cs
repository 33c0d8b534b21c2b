namespace ExportJobs.Extensibility;

/// <summary>An attribute column of an export, named by the record source before the first record.</summary>
/// <param name="Code">
/// The attribute code, as it appears in <see cref="ExportRecord.Attributes"/> and as the output's column, property or
/// element name. Any text is allowed: XML output encodes codes that are not valid XML names.
/// </param>
/// <remarks>A record rather than a string so that column metadata (labels, types) can be added later without breaking sources.</remarks>
public sealed record ExportColumn(string Code);
