using System.Runtime.CompilerServices;
using System.Text;

namespace ExportJobs.Core.Tests.Formats;

/// <summary>Compares output with a golden file checked in next to the tests. Set EXPORTJOBS_UPDATE_GOLDEN=1 to rewrite them (then review the diff).</summary>
internal static class Golden
{
    public static void AssertMatches(string name, byte[] actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Golden", name);
        if (Environment.GetEnvironmentVariable("EXPORTJOBS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(path, actual);
        }

        Assert.True(File.Exists(path), $"The golden file {path} is missing; run the tests once with EXPORTJOBS_UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllBytes(path);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
            Assert.Equal(expected, actual);
        }
    }
}
