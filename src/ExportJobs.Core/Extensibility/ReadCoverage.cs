namespace ExportJobs.Extensibility;

/// <summary>
/// Which bytes of one delivery's file a destination has read, so that the run's progress counts each byte once: s3 and
/// azure-blob read every part twice (to hash it, then to send it), a webhook reads the body to sign it and again on
/// every retry, an SDK may rewind a part to resend it. Told of every read by offset; passes on only the bytes not read
/// before.
/// </summary>
/// <remarks>
/// Holds the ranges read so far, merged (a few at a time: one per window in flight). A range is recorded only once
/// <c>newBytes</c> returned: when it throws (a test hook failing a read), the read did not happen, and a retry of the
/// same bytes is told again.
/// </remarks>
internal sealed class ReadCoverage(Action<int> newBytes)
{
    private readonly List<(long Start, long End)> _ranges = [];

    /// <summary>Bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> of the file were read.</summary>
    public void Report(long offset, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var end = offset + count;
        lock (_ranges)
        {
            long unread = count;
            foreach (var (start, stop) in _ranges)
            {
                if (start < end && stop > offset)
                {
                    unread -= Math.Min(stop, end) - Math.Max(start, offset);
                }
            }

            if (unread == 0)
            {
                return;
            }

            newBytes((int)unread);
            Add(offset, end);
        }
    }

    private void Add(long start, long end)
    {
        var index = 0;
        while (index < _ranges.Count && _ranges[index].End < start)
        {
            index++;
        }

        while (index < _ranges.Count && _ranges[index].Start <= end)
        {
            start = Math.Min(start, _ranges[index].Start);
            end = Math.Max(end, _ranges[index].End);
            _ranges.RemoveAt(index);
        }

        _ranges.Insert(index, (start, end));
    }
}
