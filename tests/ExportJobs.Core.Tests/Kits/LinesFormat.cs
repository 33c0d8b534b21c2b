using System.Text;
using System.Text.Json;
using ExportJobs.Extensibility;
using ExportJobs.Formats;

namespace ExportJobs.Core.Tests.Kits;

/// <summary>
/// One JSON object per line, with switches that break one rule each, to show that the format kit catches it:
/// <see cref="BufferEverything"/>, <see cref="IgnoreCancellation"/>, <see cref="CloseOutput"/>, <see cref="DropLineBreaks"/>.
/// </summary>
internal sealed class LinesFormat : IExportFormat
{
    public bool BufferEverything { get; init; }

    public bool IgnoreCancellation { get; init; }

    public bool CloseOutput { get; init; }

    public bool DropLineBreaks { get; init; }

    public string ContentType => "application/x-ndjson";

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context) => new Writer(this, output, context);

    private sealed class Writer(LinesFormat format, Stream output, ExportFormatContext context) : ExportFormatWriter
    {
        private readonly MemoryStream _buffer = new();

        public override async ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
        {
            if (!format.IgnoreCancellation)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            using var line = new MemoryStream();
            using (var json = new Utf8JsonWriter(line))
            {
                json.WriteStartObject();
                for (var i = 0; i < context.Fields.Count; i++)
                {
                    json.WritePropertyName(context.Fields[i].Name);
                    var value = row.Values[i];
                    ExportValues.WriteJson(json, format.DropLineBreaks && value is string text ? text.Replace("\n", " ", StringComparison.Ordinal) : value);
                }

                json.WriteEndObject();
            }

            line.WriteByte((byte)'\n');
            if (format.BufferEverything)
            {
                line.WriteTo(_buffer);
            }
            else
            {
                await output.WriteAsync(line.ToArray(), CancellationToken.None);
            }
        }

        public override async ValueTask WriteEndAsync(CancellationToken cancellationToken)
        {
            await output.WriteAsync(_buffer.ToArray(), CancellationToken.None);
            if (format.CloseOutput)
            {
                await output.DisposeAsync();
            }
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            await _buffer.DisposeAsync();
            await base.DisposeAsyncCore();
        }
    }
}
