using System.Globalization;
using System.Text.Json;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Filters;

/// <summary>Reads one filter's JSON options by key, checking types as it goes and, at the end, that no key was left unread.</summary>
internal sealed class OptionReader
{
    private readonly string _filter;
    private readonly JsonElement? _options;
    private readonly List<string> _known = [];

    public OptionReader(string filter, JsonElement? options)
    {
        _filter = filter;
        if (options is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new PipelineConfigException(
                    $"Filter '{filter}': options are {Show(element)}; allowed: an object of option names and values, or nothing for the defaults.");
            }

            _options = element;
        }
    }

    /// <summary>An integer (range checked later by the options type), or null to switch the rule off.</summary>
    public int? Integer(string key, int? fallback)
    {
        if (!TryGet(key, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        throw WrongType(key, value, "a whole number, or null to disable the rule");
    }

    /// <summary>A number (range checked later by the options type), or null to switch the rule off.</summary>
    public double? Number(string key, double? fallback)
    {
        if (!TryGet(key, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        throw WrongType(key, value, "a number, or null to disable the rule");
    }

    public bool Flag(string key, bool fallback)
    {
        if (!TryGet(key, out var value))
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(key, value, "true or false"),
        };
    }

    /// <summary>An object from n (as a property name) to a fraction; it replaces the defaults. Null, or a null fraction, switches rules off.</summary>
    public IReadOnlyDictionary<int, double> NGramFractions(string key, IReadOnlyDictionary<int, double> fallback)
    {
        if (!TryGet(key, out var value))
        {
            return fallback;
        }

        const string Allowed = "an object from n-gram size to fraction, like {\"2\": 0.2, \"3\": 0.18}, or null to disable";
        if (value.ValueKind == JsonValueKind.Null)
        {
            return new Dictionary<int, double>();
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(key, value, Allowed);
        }

        var result = new Dictionary<int, double>();
        foreach (var entry in value.EnumerateObject())
        {
            var option = $"{key}.{entry.Name}";
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw new PipelineConfigException(
                    $"Filter '{_filter}': option '{key}' has the key \"{entry.Name}\"; allowed: {Allowed}, with each n a whole number.");
            }

            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetDouble(out var fraction))
            {
                throw WrongType(option, entry.Value, "a fraction between 0 and 1, or null to disable");
            }

            result[n] = fraction;
        }

        return result;
    }

    /// <summary>Throws when the options hold a key that no read asked for (a typo, or an option of another filter).</summary>
    public void RejectUnknownKeys()
    {
        if (_options is not { } options)
        {
            return;
        }

        foreach (var property in options.EnumerateObject())
        {
            if (!_known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new PipelineConfigException(
                    $"Filter '{_filter}': unknown option '{property.Name}' (value {Show(property.Value)}); allowed options: {string.Join(", ", _known)}.");
            }
        }
    }

    private bool TryGet(string key, out JsonElement value)
    {
        _known.Add(key);
        if (_options is { } options && options.TryGetProperty(key, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    private PipelineConfigException WrongType(string key, JsonElement value, string allowed) =>
        new($"Filter '{_filter}': option '{key}' is {Show(value)} ({value.ValueKind.ToString().ToLowerInvariant()}); allowed: {allowed}.");

    private static string Show(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 80 ? raw : string.Concat(raw.AsSpan(0, 77), "...");
    }
}
