using System.Globalization;
using System.Runtime.CompilerServices;
using ExportJobs.Extensibility;

namespace ExportJobs.Testing;

/// <summary>
/// A record source that generates <see cref="Count"/> product records on the fly (nothing held in memory), each about
/// <see cref="DescriptionLength"/> bytes of text larger, for end-to-end tests and large-export benchmarks.
/// </summary>
public sealed class GeneratedRecordSource(long count, int descriptionLength = 100) : IExportRecordSource
{
    private static readonly IReadOnlyList<ExportColumn> Columns = [new("sku"), new("name"), new("price"), new("description")];

    /// <summary>How many records a run reads.</summary>
    public long Count { get; } = count;

    /// <summary>Characters of the description attribute.</summary>
    public int DescriptionLength { get; } = descriptionLength;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) => ValueTask.FromResult(Columns);

    /// <inheritdoc/>
    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var description = new string('x', DescriptionLength);
        for (long i = 0; i < Count; i++)
        {
            if (i % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            yield return new ExportRecord
            {
                Id = "p" + i.ToString(CultureInfo.InvariantCulture),
                SchemaId = "product",
                UpdatedAt = DateTimeOffset.UnixEpoch,
                Attributes = new Dictionary<string, object?>(4, StringComparer.Ordinal)
                {
                    ["sku"] = "SKU-" + i.ToString("D9", CultureInfo.InvariantCulture),
                    ["name"] = "Product " + i.ToString(CultureInfo.InvariantCulture),
                    ["price"] = (i % 10_000) / 100m,
                    ["description"] = description,
                },
            };
        }
    }
}
