namespace ExportJobs.Extensibility;

/// <summary>
/// Encrypts the secret settings of destination configurations before they are stored, and decrypts them when read.
/// Register one (for example <c>UseDataProtectionForSecrets()</c> from ExportJobs.AspNetCore) to keep secrets encrypted at rest.
/// </summary>
/// <remarks>
/// Every store is wrapped when a protector is registered, so stores need not know about it. Without a protector,
/// secrets are stored as sent. Keys must survive restarts and be shared by every host using the same store.
/// </remarks>
public interface ISecretProtector
{
    /// <summary>Encrypts a value.</summary>
    /// <param name="plaintext">The secret, as JSON text.</param>
    /// <returns>An opaque string that <see cref="Unprotect"/> turns back into <paramref name="plaintext"/>.</returns>
    string Protect(string plaintext);

    /// <summary>Decrypts a value made by <see cref="Protect"/>.</summary>
    /// <param name="protectedValue">The encrypted value.</param>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value cannot be decrypted (wrong or lost key, tampering).</exception>
    string Unprotect(string protectedValue);
}
