namespace ExportJobs.Extensibility;

/// <summary>
/// Optional for an <see cref="ISecretProtector"/>: names the key a value was encrypted with, read from the value itself
/// without decrypting it. With it, the job list shows a secret as set once one value of the same key has been decrypted
/// in this process, instead of decrypting every secret of every job once after each start (10,000 jobs: most of the time
/// of the first <c>GET /export-jobs</c>).
/// </summary>
/// <remarks>
/// Implement it only when every value carries the id of its key in clear (as ASP.NET Core Data Protection's payload
/// header does: <c>UseDataProtectionForSecrets()</c> implements it). What the list shows then differs from decrypting in
/// one case: a value altered in the store after it was written, under a key that works, shows as set (masked) in the
/// list; reading the job itself, and its runs, decrypt it and treat it as missing.
/// </remarks>
public interface ISecretKeyIdentifier
{
    /// <summary>The id of the key that encrypted <paramref name="protectedValue"/>; <see langword="null"/> when the value does not say.</summary>
    /// <param name="protectedValue">A value made by <see cref="ISecretProtector.Protect"/> (or anything else: this must not throw).</param>
    string? GetKeyId(string protectedValue);
}
