using System.Text.Json.Nodes;

namespace ExportJobs.Destinations.Sftp;

/// <summary>The settings schema of <c>sftp</c> (destination contract v2): exactly the settings <see cref="SftpDestinationSettingsValidator"/> accepts.</summary>
internal static class SftpDestinationSettingsSchema
{
    public static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "title": "SFTP",
          "description": "Set password, or privateKey (with passphrase when it is encrypted).",
          "properties": {
            "host": { "type": "string", "title": "Host", "description": "Host name or IP address, without scheme or port; changing it requires the secrets again." },
            "port": { "type": "integer", "title": "Port", "minimum": 1, "maximum": 65535, "default": 22 },
            "username": { "type": "string", "title": "User name" },
            "password": { "type": "string", "title": "Password", "writeOnly": true },
            "privateKey": { "type": "string", "title": "Private key", "description": "The whole key file, OpenSSH or PEM, with its BEGIN/END lines.", "contentMediaType": "application/x-pem-file", "writeOnly": true },
            "passphrase": { "type": "string", "title": "Key passphrase", "writeOnly": true },
            "path": { "type": "string", "title": "Folder", "description": "Relative paths start at the login folder; missing folders are created." },
            "hostKeyFingerprint": { "type": "string", "title": "Host key fingerprint", "description": "SHA256:... as 'ssh-keygen -lf <key>' prints it; without it the connection is refused unless the host trusts any key." }
          },
          "required": ["host", "username"],
          "additionalProperties": false
        }
        """)!.AsObject();
}
