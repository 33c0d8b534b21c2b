using System.Globalization;

namespace ExportJobs.Benchmarks.Dashboard;

/// <summary>The timings of every repeat, by operation, and the requests the page made during the operations.</summary>
internal sealed class Figures
{
    private readonly Dictionary<string, List<(double Ms, int Requests)>> _samples = [];
    private readonly List<string> _order = [];

    public List<string> Requests { get; } = [];

    public List<string> Missing { get; } = [];

    public int RowsShown { get; set; }

    public long ListBytes { get; set; }

    public bool AnyRequests => _samples.Values.Any(s => s.Any(x => x.Requests > 0));

    public void Add(string name, double ms, int requests)
    {
        if (!_samples.TryGetValue(name, out var list))
        {
            _samples[name] = list = [];
            _order.Add(name);
        }

        list.Add((ms, requests));
    }

    public void Print(TextWriter output)
    {
        output.WriteLine($"Rows in the DOM after the first render: {RowsShown}; list response body {ListBytes:N0} bytes (as sent).");
        output.WriteLine($"{"operation",-58} {"median ms",10} {"min",8} {"max",8} {"n",3} {"requests",9}");
        foreach (var name in _order)
        {
            var samples = _samples[name];
            var sorted = samples.Select(s => s.Ms).Order().ToList();
            var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-58} {median,10:F1} {sorted[0],8:F1} {sorted[^1],8:F1} {sorted.Count,3} {samples.Sum(s => s.Requests),9}"));
        }

        foreach (var missing in Missing)
        {
            output.WriteLine(missing);
        }

        foreach (var request in Requests)
        {
            output.WriteLine($"request during an operation: {request}");
        }
    }
}
