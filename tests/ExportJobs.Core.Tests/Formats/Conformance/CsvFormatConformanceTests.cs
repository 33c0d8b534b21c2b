namespace ExportJobs.Core.Tests.Formats.Conformance;

public sealed class CsvFormatConformanceTests() : BuiltInFormatConformanceTests("csv")
{
    // An empty CSV cell is both null and empty text.
    protected override bool KeepsNullApartFromEmptyText => false;
}
