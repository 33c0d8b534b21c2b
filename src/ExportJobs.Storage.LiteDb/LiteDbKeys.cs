using System.Text;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// Builds the ordered string keys the store indexes, compared ordinally (the store opens the file with an ordinal
/// collation).
/// </summary>
/// <remarks>
/// A key starts with the escaped job id and a <c>|</c>. The escaping removes every <c>|</c> from the id and is
/// one-to-one, so the keys of job <c>a</c> never share that prefix with the keys of job <c>a|b</c>, and one job's keys
/// are exactly the range <c>[prefix + "|", prefix + "}")</c> (<c>}</c> follows <c>|</c> in ordinal order).
/// Instants are UTC ticks in 19 digits, so text order is time order.
/// </remarks>
internal static class LiteDbKeys
{
    /// <summary>The key that sorts a job's runs: job, start instant, run id.</summary>
    public static string RunSortKey(string jobId, DateTimeOffset startedAt, string runId) =>
        $"{Escape(jobId)}|{Ticks(startedAt)}|{runId}";

    /// <summary>The lowest key of a job's runs that started at or after <paramref name="instant"/>: every key below it (and at least <see cref="JobLow"/>) started before it.</summary>
    public static string RunsStartedFrom(string jobId, DateTimeOffset instant) => $"{Escape(jobId)}|{Ticks(instant)}|";

    /// <summary>The id of the claim of one occurrence of a job: unique per job and instant.</summary>
    public static string ClaimId(string jobId, DateTimeOffset occurrence) => $"{Escape(jobId)}|{Ticks(occurrence)}";

    /// <summary>The lowest key of a job's keys (inclusive).</summary>
    public static string JobLow(string jobId) => Escape(jobId) + "|";

    /// <summary>Above every key of a job's keys (exclusive).</summary>
    public static string JobHigh(string jobId) => Escape(jobId) + "}";

    private static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static string Escape(string jobId)
    {
        if (jobId.AsSpan().IndexOfAny('|', '\\') < 0)
        {
            return jobId;
        }

        var escaped = new StringBuilder(jobId.Length + 8);
        foreach (var c in jobId)
        {
            _ = c switch
            {
                '\\' => escaped.Append(@"\\"),
                '|' => escaped.Append(@"\!"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
