namespace ExportJobs.Core.Tests.Formats.Conformance;

public sealed class XmlFormatConformanceTests() : BuiltInFormatConformanceTests("xml")
{
    // XML text has no types: a number inside an object reads back as text, so the object holds text only here.
    protected override IReadOnlyList<object?> AwkwardValues =>
        [.. base.AwkwardValues.Select(v => v is Dictionary<string, object?> ? new Dictionary<string, object?> { ["k"] = "v", ["n"] = "one" } : v)];
}
