namespace ExportJobs.Core.Tests.Formats.Conformance;

public sealed class XlsxFormatConformanceTests() : BuiltInFormatConformanceTests("xlsx")
{
    // Excel dates have no offset: xlsx writes dates as date cells in UTC (Core README), so the offset cannot come back.
    protected override IReadOnlyList<object?> AwkwardValues => [.. base.AwkwardValues.Where(v => v is not DateTimeOffset)];
}
