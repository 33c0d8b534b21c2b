namespace ExportJobs.Testing;

/// <summary>LibreOffice Calc headless (installed by .ci/install-libreoffice.sh): a real spreadsheet program reading our files.</summary>
public static class LibreOffice
{
    /// <summary>Converts <paramref name="xlsxPath"/> to UTF-8 CSV with <c>soffice --headless --convert-to csv</c> and returns the CSV's path.</summary>
    /// <param name="xlsxPath">The workbook.</param>
    /// <param name="outputFolder">Where the CSV (and LibreOffice's own profile) go.</param>
    public static async Task<string> ConvertToCsvAsync(string xlsxPath, string outputFolder)
    {
        if (!File.Exists("/usr/bin/soffice") && !File.Exists("/usr/local/bin/soffice"))
        {
            throw new InvalidOperationException("LibreOffice is not installed; run 'bash .ci/install-libreoffice.sh' (Debian package libreoffice-calc-nogui).");
        }

        Directory.CreateDirectory(outputFolder);
        var profile = new Uri(Path.Combine(outputFolder, "lo-profile")).AbsoluteUri;

        // Filter options: comma separator (44), double quotes (34), UTF-8 (76), from the first line (1).
        await ProcessRunner.RunAsync(
            "soffice",
            [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", outputFolder, xlsxPath],
            TimeSpan.FromMinutes(2));
        var csv = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(xlsxPath) + ".csv");
        if (!File.Exists(csv))
        {
            throw new InvalidOperationException($"LibreOffice wrote no {csv}.");
        }

        return csv;
    }
}
