namespace ExportJobs.Extensibility;

/// <summary>
/// The host's data: streams the records an export job exports. Every host implements it once and registers it with
/// <c>builder.AddRecordSource&lt;T&gt;()</c>; the library never knows the host's database.
/// </summary>
/// <remarks>
/// <para>
/// A run first asks <see cref="GetColumnsAsync"/> for the attribute columns of its <see cref="ExportScope"/> (formats such
/// as CSV need the header before the first row), then enumerates <see cref="ReadRecordsAsync"/> once. Records are
/// written as they arrive and never collected, so a source should stream too: page through its database or use an
/// async cursor, never load the whole data set.
/// </para>
/// <para>
/// The source should apply the scope's filters in its query (<see cref="ExportScope.SchemaId"/>,
/// <see cref="ExportScope.CatalogId"/>, <see cref="ExportScope.IncludeVariants"/> and <see cref="ExportScope.Since"/>).
/// The library checks every record against them again and drops records outside the scope, so a simple source stays
/// correct, just slower. Dimension flattening (<see cref="ExportScope.DimensionScope"/>) is done by the library; a
/// source returns dimensional values as <see cref="DimensionalValue"/>.
/// </para>
/// <para>
/// The source is resolved from a new service scope for every run (it is registered as scoped by default), so it can
/// depend on scoped services such as an EF Core <c>DbContext</c>. An exception thrown by either method fails the run with
/// an error that names the record source and quotes the exception's message: keep secrets out of that message.
/// Honour the <see cref="CancellationToken"/>: it is cancelled when the host stops or the job is deleted.
/// </para>
/// </remarks>
/// <example>
/// <code language="csharp"><![CDATA[
/// public sealed class ProductRecordSource(PimDbContext db) : IExportRecordSource
/// {
///     public async ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
///         await db.Attributes
///             .Where(a => scope.SchemaId == null || a.SchemaId == scope.SchemaId)
///             .OrderBy(a => a.Position)
///             .Select(a => new ExportColumn(a.Code))
///             .Distinct()
///             .ToListAsync(cancellationToken);
///
///     public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(
///         ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
///     {
///         var query = db.Products.AsNoTracking()
///             .Where(p => scope.SchemaId == null || p.SchemaId == scope.SchemaId)
///             .Where(p => scope.CatalogId == null || p.Catalogs.Any(c => c.Id == scope.CatalogId))
///             .Where(p => scope.IncludeVariants || p.ParentId == null)
///             .Where(p => scope.Since == null || p.UpdatedAt >= scope.Since)
///             .OrderBy(p => p.Id);
///         await foreach (var p in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
///         {
///             yield return new ExportRecord
///             {
///                 Id = p.Id,
///                 SchemaId = p.SchemaId,
///                 CatalogIds = p.CatalogIds,
///                 ParentId = p.ParentId,
///                 UpdatedAt = p.UpdatedAt,
///                 Attributes = new Dictionary<string, object?>
///                 {
///                     ["sku"] = p.Sku,                                   // plain string
///                     ["price"] = p.Price,                               // number
///                     ["tags"] = p.Tags,                                 // array (any IEnumerable)
///                     ["name"] = DimensionalValue.For("dim-language", p.Names), // a value per segment
///                 },
///             };
///         }
///     }
/// }
/// ]]></code>
/// </example>
public interface IExportRecordSource
{
    /// <summary>
    /// Names the attribute columns of <paramref name="scope"/>, in output order. Every format writes the record fields
    /// (<c>id</c>, <c>schemaId</c>, <c>parentId</c>, <c>catalogIds</c>, <c>updatedAt</c>) first, then these columns;
    /// attributes a record has that are not listed here are not exported, and listed ones a record lacks are empty.
    /// </summary>
    /// <param name="scope">What the run exports.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    /// <returns>The columns; codes must be unique and must not be one of the record field names.</returns>
    ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken);

    /// <summary>Streams the records of <paramref name="scope"/>. Enumerated once per run.</summary>
    /// <param name="scope">What the run exports.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this source reports deleted records (<see cref="ReadDeletionsAsync"/>). The default, <see langword="false"/>,
    /// keeps <c>changes</c> exports as they were: changed records only, no <c>op</c> column.
    /// </summary>
    /// <remarks>
    /// When <see langword="true"/>, every <c>changes</c> run has an <c>op</c> column (<c>upsert</c> or <c>delete</c>),
    /// also its first run, which exports everything and has no deletions to report. <c>full</c> runs never have it unless
    /// a job names <c>op</c> in its <c>columns</c> (then every row is an <c>upsert</c>).
    /// </remarks>
    bool ReportsDeletions => false;

    /// <summary>
    /// Streams the records of <paramref name="scope"/> deleted after <see cref="ExportScope.Since"/> (which is set: it is
    /// called only by <c>changes</c> runs after a successful run, and only when <see cref="ReportsDeletions"/> is
    /// <see langword="true"/>). Enumerated once per run, before <see cref="ReadRecordsAsync"/>.
    /// </summary>
    /// <param name="scope">What the run exports; apply its schema, catalog and variant filters as far as you still know
    /// them (the library does not filter deletions: a deleted record may no longer know its catalogs).</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    /// <remarks>
    /// Tombstones come first in the output, then the changed records: a record deleted and created again since the last
    /// run is then a <c>delete</c> followed by an <c>upsert</c>, which leaves a consumer that applies rows in order with
    /// the record. The default throws <see cref="NotSupportedException"/>; it is never called while
    /// <see cref="ReportsDeletions"/> is <see langword="false"/>.
    /// </remarks>
    IAsyncEnumerable<ExportDeletion> ReadDeletionsAsync(ExportScope scope, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not report deletions (ReportsDeletions is false).");
}
