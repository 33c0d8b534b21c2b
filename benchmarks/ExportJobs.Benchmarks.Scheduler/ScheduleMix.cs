using System.Globalization;

namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>The 10,000 schedules both schedulers get: a fixed-seed mix of minutely, every-N-minutes, hourly, daily, weekday and monthly crons.</summary>
internal static class ScheduleMix
{
    /// <summary>A mix in which many occurrences fall due every minute.</summary>
    public static IReadOnlyList<string> Busy(int count)
    {
        var random = new Random(42);
        var result = new List<string>(count);
        int[] steps = [2, 3, 5, 10, 15];
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(100);
            var m = random.Next(60);
            var h = random.Next(24);
            result.Add(kind switch
            {
                < 10 => "* * * * *",
                < 30 => $"*/{steps[random.Next(steps.Length)]} * * * *",
                < 60 => $"{m} * * * *",
                < 80 => $"{m} {h} * * *",
                < 95 => $"{m} {h} * * 1-5",
                _ => $"{m} {h} {1 + random.Next(28)} * *",
            });
        }

        return result;
    }

    /// <summary>A mix just as varied in which nothing falls due for at least two hours after <paramref name="now"/>.</summary>
    public static IReadOnlyList<string> Idle(int count, DateTimeOffset now)
    {
        var random = new Random(7);
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var hour = (now.UtcDateTime.Hour + 3 + random.Next(20)) % 24;
            var m = random.Next(60);
            result.Add(random.Next(3) switch
            {
                0 => string.Create(CultureInfo.InvariantCulture, $"{m} {hour} * * *"),
                1 => string.Create(CultureInfo.InvariantCulture, $"{m} {hour} * * 1-5"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{m} {hour},{(hour + 1) % 24} * * *"),
            });
        }

        return result;
    }
}
