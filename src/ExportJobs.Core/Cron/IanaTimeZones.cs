namespace ExportJobs.Cron;

/// <summary>Decides which time-zone ids a job may name: IANA ids, never files that merely sit in the zoneinfo folder.</summary>
/// <remarks>
/// <para>
/// On Linux <see cref="TimeZoneInfo.FindSystemTimeZoneById"/> opens any file under <c>/usr/share/zoneinfo</c>, so
/// <c>localtime</c> (the host's own zone, whatever it is), <c>posixrules</c>, <c>Factory</c>, <c>right/UTC</c>
/// (leap-second zones), <c>posix/Europe/Berlin</c> and <c>Europe//Berlin</c> all resolve. None of them is an IANA id.
/// </para>
/// <para>
/// Accepted: <c>UTC</c>; the canonical ids the system lists (<see cref="TimeZoneInfo.GetSystemTimeZones()"/>, read from
/// tzdata's <c>zone.tab</c> on Linux); and the ids ICU's IANA data knows (<see cref="TimeZoneInfo.TryConvertIanaIdToWindowsId"/>),
/// which adds the <c>Etc/…</c> zones and tzdata's <c>backward</c> links (aliases such as <c>US/Eastern</c>,
/// <c>Asia/Calcutta</c>, <c>Europe/Kiev</c>, <c>GMT</c>). Windows ids (<c>W. Europe Standard Time</c>) are not IANA ids
/// and are refused. The id must then also be found on the system.
/// </para>
/// </remarks>
internal static class IanaTimeZones
{
    // The system's canonical list is immutable for the process's life and costly to read (one file per zone), so it is read once.
    private static readonly Lazy<HashSet<string>> Canonical = new(ReadCanonical);

    /// <summary>Whether <paramref name="id"/> is an IANA id (canonical or a known alias), exactly as written.</summary>
    /// <param name="id">The id.</param>
    public static bool IsIanaId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        // ICU first: it knows nearly every id at once, while the system's list costs reading every zone file (a tenth of
        // a second or more at the first job list). The accepted ids are the same either way (the union of both).
        return string.Equals(id, "UTC", StringComparison.Ordinal)
            || TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _)
            || Canonical.Value.Contains(id);
    }

    private static HashSet<string> ReadCanonical()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (OperatingSystem.IsWindows())
        {
            return ids; // The system lists Windows ids there; IANA ids come from ICU alone.
        }

        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            ids.Add(zone.Id);
        }

        return ids;
    }
}
