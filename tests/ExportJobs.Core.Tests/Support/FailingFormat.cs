using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Support;

/// <summary>A format whose writer writes some bytes, then fails on the second record.</summary>
internal sealed class FailingFormat : IExportFormat
{
    public const string Name = "failing";

    public string ContentType => "text/plain";

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context) => new Writer(output);

    private sealed class Writer(Stream output) : ExportFormatWriter
    {
        private int _records;

        public override async ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
        {
            if (++_records == 2)
            {
                throw new FormatException("Value of 'price' cannot be written.");
            }

            await output.WriteAsync(new byte[300_000], cancellationToken);
        }

        public override ValueTask WriteEndAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
