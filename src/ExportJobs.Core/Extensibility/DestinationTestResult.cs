namespace ExportJobs.Extensibility;

/// <summary>The result of testing a destination's connection: every check made, in order.</summary>
/// <param name="Checks">The checks; empty only when nothing could be checked.</param>
public sealed record DestinationTestResult(IReadOnlyList<DestinationCheck> Checks)
{
    /// <summary>Whether at least one check was made and every check passed.</summary>
    public bool Success => Checks.Count > 0 && Checks.All(c => c.Success);
}
