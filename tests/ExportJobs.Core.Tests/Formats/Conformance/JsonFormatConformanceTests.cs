namespace ExportJobs.Core.Tests.Formats.Conformance;

public sealed class JsonFormatConformanceTests() : BuiltInFormatConformanceTests("json");
