namespace ExportJobs.Core.Tests.Formats.Conformance;

public sealed class JsonLinesFormatConformanceTests() : BuiltInFormatConformanceTests("jsonl");
