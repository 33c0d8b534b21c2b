using System.Collections.Concurrent;

namespace ExportJobs.Sample.Pim;

/// <summary>Records "edited" in the demo PIM (by <c>POST /demo/records/{id}/touch</c>), so change-only exports have something to export.</summary>
public sealed class DemoChanges
{
    private readonly ConcurrentDictionary<int, DateTimeOffset> _touched = new();

    /// <summary>Marks record <paramref name="index"/> as changed at <paramref name="at"/>.</summary>
    /// <param name="index">The record index.</param>
    /// <param name="at">When.</param>
    public void Touch(int index, DateTimeOffset at) => _touched[index] = at;

    /// <summary>When record <paramref name="index"/> was touched, if it was.</summary>
    /// <param name="index">The record index.</param>
    public DateTimeOffset? TouchedAt(int index) => _touched.TryGetValue(index, out var at) ? at : null;
}
