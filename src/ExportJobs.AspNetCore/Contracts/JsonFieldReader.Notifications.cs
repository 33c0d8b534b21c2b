using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>Reading a job's <c>notifications</c>.</summary>
internal sealed partial class JsonFieldReader
{
    /// <summary>
    /// Reads <c>notifications</c>: an array of <c>{ "type": "…", "on": ["…"], …settings }</c> objects; everything but
    /// <c>type</c> and <c>on</c> is the channel's settings. Wrong JSON types are reported as <c>notifications[0].on[1]</c>.
    /// </summary>
    public IReadOnlyList<ExportJobNotification>? Notifications(string name)
    {
        var node = Get(name, required: false, "an array");
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            return WrongType<IReadOnlyList<ExportJobNotification>>(name, "an array of notification channels, e.g. [{\"type\": \"webhook\", \"on\": [\"failed\"], \"url\": \"https://…\"}], [] for none, or null for the host's", node);
        }

        var channels = new List<ExportJobNotification>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{name}[{i}]";
            if (array[i] is not JsonObject item)
            {
                errors.Add(at, $"'{at}' must be an object such as {{\"type\": \"email\", \"to\": [\"ops@example.com\"]}}.");
                continue;
            }

            var fields = new JsonFieldReader(item, errors.Scope(at));
            var type = fields.String("type", required: true) ?? string.Empty;
            var on = new List<string>();
            if (item["on"] is JsonArray events)
            {
                for (var e = 0; e < events.Count; e++)
                {
                    if (events[e] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        on.Add(value.GetValue<string>());
                    }
                    else
                    {
                        errors.Add($"{at}.on[{e}]", $"'{at}.on[{e}]' must be an event name: failed, recovered, autoPaused, succeeded or cancelled.");
                    }
                }
            }
            else if (item["on"] is { } wrong)
            {
                errors.Add($"{at}.on", $"'{at}.on' must be an array of event names, e.g. [\"failed\", \"recovered\"], not a JSON {wrong.GetValueKind().ToString().ToLowerInvariant()}.");
            }

            var settings = new JsonObject();
            foreach (var (key, value) in item)
            {
                if (key is not ("type" or "on"))
                {
                    settings[key] = value?.DeepClone();
                }
            }

            channels.Add(new ExportJobNotification { Type = type, On = on, Settings = settings });
        }

        return channels;
    }
}
