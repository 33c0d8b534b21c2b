namespace ExportJobs.Extensibility;

/// <summary>The outcome of one check of a destination's connection test (for example <c>login</c> or <c>write</c>).</summary>
/// <param name="Name">A short name of what was checked: <c>connect</c>, <c>login</c>, <c>container</c>, <c>write</c>, ...</param>
/// <param name="Success">Whether the check passed.</param>
/// <param name="Message">What was found; for a failure, what to fix. Never contains a secret.</param>
public sealed record DestinationCheck(string Name, bool Success, string Message)
{
    /// <summary>Reported by destinations that do not implement <see cref="IExportDestination.TestConnectionAsync"/>.</summary>
    public static DestinationCheck Unsupported { get; } =
        new("supported", false, "This destination type cannot test its connection; trigger a run to check it.");

    /// <summary>A passed check.</summary>
    /// <param name="name">What was checked.</param>
    /// <param name="message">What was found.</param>
    public static DestinationCheck Passed(string name, string message) => new(name, true, message);

    /// <summary>A failed check.</summary>
    /// <param name="name">What was checked.</param>
    /// <param name="message">What is wrong and what to do.</param>
    public static DestinationCheck Failed(string name, string message) => new(name, false, message);
}
