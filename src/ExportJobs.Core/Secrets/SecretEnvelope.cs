using System.Text.Json.Nodes;
using ExportJobs.Extensibility;

namespace ExportJobs.Secrets;

/// <summary>The stored shape of destination settings: encrypted secrets, and escaped values that merely look like an envelope.</summary>
/// <remarks>
/// <para>
/// An encrypted secret is stored as <c>{"$protected": "…"}</c>. Settings come from API users, who can send any JSON, a
/// webhook header named <c>$protected</c> included; so the stored shape must not be taken from what was sent. Two rules
/// make it unforgeable:
/// </para>
/// <list type="bullet">
/// <item>with a protector, every secret setting is encrypted whatever it holds (never skipped because it already "looks
/// encrypted"), so what a user sent is always inside the ciphertext;</item>
/// <item>any other value that looks like an envelope (an object with the single property <c>$protected</c> or
/// <c>$clear</c>) is stored escaped as <c>{"$clear": value}</c>, without a protector too, so it is read back as sent
/// even after a protector is added later.</item>
/// </list>
/// <para>
/// Reading unwraps one level: <c>$clear</c> gives its value, <c>$protected</c> is decrypted. A value stored by an earlier
/// release that sent a forged <c>{"$protected": …}</c> through without encrypting it cannot be told from a lost key and
/// reads as missing, as before.
/// </para>
/// </remarks>
internal static class SecretEnvelope
{
    /// <summary>The property of an encrypted secret.</summary>
    public const string Protected = "$protected";

    /// <summary>The property of an escaped value.</summary>
    public const string Clear = "$clear";

    /// <summary>The stored form of a setting's value.</summary>
    /// <param name="value">The value as sent.</param>
    /// <param name="secret">Whether the setting is one of the destination's secrets.</param>
    /// <param name="protector">Encrypts secrets; <see langword="null"/> when none is registered.</param>
    public static JsonNode? Seal(JsonNode? value, bool secret, ISecretProtector? protector)
    {
        if (value is null)
        {
            return null;
        }

        if (secret && protector is not null)
        {
            return new JsonObject { [Protected] = protector.Protect(value.ToJsonString()) };
        }

        return LooksLikeEnvelope(value) ? new JsonObject { [Clear] = value.DeepClone() } : value.DeepClone();
    }

    /// <summary>Whether a stored value is an envelope to open (encrypted or escaped).</summary>
    public static bool IsEnvelope(JsonNode? node) => IsEncrypted(node) || IsEscaped(node);

    /// <summary>Whether a stored value is an encrypted secret.</summary>
    public static bool IsEncrypted(JsonNode? node) =>
        node is JsonObject { Count: 1 } envelope && envelope[Protected] is JsonValue value && value.TryGetValue<string>(out _);

    /// <summary>Whether a stored value is an encrypted secret, and its ciphertext (read once: it is decoded on every read).</summary>
    public static bool TryGetCiphertext(JsonNode? node, out string ciphertext)
    {
        ciphertext = string.Empty;
        return node is JsonObject { Count: 1 } envelope && envelope[Protected] is JsonValue value && value.TryGetValue(out ciphertext!);
    }

    /// <summary>
    /// Whether a stored value has the shape of an envelope (an object whose single property is <c>$protected</c> or
    /// <c>$clear</c>), without reading it: a cheap first test before <see cref="IsEnvelope"/>.
    /// </summary>
    public static bool HasEnvelopeShape(JsonNode? node) =>
        node is JsonObject { Count: 1 } envelope && (envelope.ContainsKey(Protected) || envelope.ContainsKey(Clear));

    /// <summary>Whether a stored value has the shape of an encrypted secret (an object whose single property is <c>$protected</c>), without reading it.</summary>
    public static bool IsEncryptedShape(JsonNode? node) => node is JsonObject { Count: 1 } envelope && envelope.ContainsKey(Protected);

    /// <summary>Whether a stored value is an escaped one.</summary>
    public static bool IsEscaped(JsonNode? node) =>
        node is JsonObject { Count: 1 } envelope && envelope.ContainsKey(Clear);

    private static bool LooksLikeEnvelope(JsonNode value) =>
        value is JsonObject { Count: 1 } obj && (obj.ContainsKey(Protected) || obj.ContainsKey(Clear));
}
