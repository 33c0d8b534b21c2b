namespace ExportJobs.Model;

/// <summary>The ids of jobs and runs.</summary>
internal static class ExportIds
{
    /// <summary>A new time-ordered id (a version 7 GUID in 32 hex digits).</summary>
    /// <param name="now">The current time.</param>
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>The millisecond an id made by <see cref="New"/> (32 lower-case hex digits, version 7) was made.</summary>
    /// <param name="id">The id.</param>
    /// <param name="instant">Its instant, to the millisecond.</param>
    /// <returns><see langword="false"/> when <paramref name="id"/> is not such an id.</returns>
    public static bool TryGetInstant(string id, out DateTimeOffset instant)
    {
        instant = default;
        if (id.Length != 32 || id[12] != '7' || !id.All(char.IsAsciiHexDigitLower)
            || !long.TryParse(id.AsSpan(0, 12), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }
}
