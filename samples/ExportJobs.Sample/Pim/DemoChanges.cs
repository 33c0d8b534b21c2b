using System.Collections.Concurrent;

namespace ExportJobs.Sample.Pim;

/// <summary>
/// Records "edited" (<c>POST /demo/records/{index}/touch</c>) or deleted (<c>DELETE /demo/records/{index}</c>) in the
/// demo PIM, so that change-only exports have something to export, deletions included.
/// </summary>
public sealed class DemoChanges
{
    private readonly ConcurrentDictionary<int, DateTimeOffset> _touched = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> _deleted = new();

    /// <summary>Marks record <paramref name="index"/> as changed at <paramref name="at"/> (and as there again, if it was deleted).</summary>
    /// <param name="index">The record index.</param>
    /// <param name="at">When.</param>
    public void Touch(int index, DateTimeOffset at)
    {
        _touched[index] = at;
        _deleted.TryRemove(index, out _);
    }

    /// <summary>When record <paramref name="index"/> was touched, if it was.</summary>
    /// <param name="index">The record index.</param>
    public DateTimeOffset? TouchedAt(int index) => _touched.TryGetValue(index, out var at) ? at : null;

    /// <summary>Deletes record <paramref name="index"/> at <paramref name="at"/>: exports leave it out, change feeds report it.</summary>
    /// <param name="index">The record index.</param>
    /// <param name="at">When.</param>
    public void Delete(int index, DateTimeOffset at) => _deleted[index] = at;

    /// <summary>Whether record <paramref name="index"/> is deleted.</summary>
    /// <param name="index">The record index.</param>
    public bool IsDeleted(int index) => _deleted.ContainsKey(index);

    /// <summary>The records deleted after <paramref name="since"/>, by index, oldest deletion first.</summary>
    /// <param name="since">The start of the last successful export.</param>
    public IReadOnlyList<(int Index, DateTimeOffset At)> DeletedAfter(DateTimeOffset since) =>
        [.. _deleted.Where(d => d.Value > since).OrderBy(d => d.Value).ThenBy(d => d.Key).Select(d => (d.Key, d.Value))];
}
