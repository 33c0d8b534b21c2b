namespace ExportJobs.Testing.Servers;

/// <summary>How <see cref="CorruptHttpBodies"/> changes request bodies.</summary>
public enum CorruptionMode
{
    /// <summary>One byte in the middle of the body is changed; the length stays.</summary>
    FlipByte,

    /// <summary>Framing-like bytes are appended and Content-Length raised, as a store that keeps aws-chunked framing would.</summary>
    AppendBytes,
}
