using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.ActiveLearning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataEngine.Core.Pipeline;

/// <summary>Reads a pipeline config from JSON or YAML and checks it completely before anything runs.</summary>
public static class PipelineConfigLoader
{
    internal static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Loads a config file; ".yaml"/".yml" are read as YAML, anything else as JSON.</summary>
    public static PipelineConfig LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new PipelineConfigException($"Pipeline config '{path}' does not exist.");
        }

        var isYaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        return Parse(File.ReadAllText(path), isYaml, path);
    }

    /// <summary>Parses config text. <paramref name="origin"/> names the file in error messages.</summary>
    public static PipelineConfig Parse(string text, bool isYaml, string origin = "pipeline config")
    {
        JsonNode? root;
        try
        {
            root = isYaml ? YamlToJson(text) : JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is JsonException or YamlException)
        {
            throw new PipelineConfigException($"{origin}: not valid {(isYaml ? "YAML" : "JSON")}: {ex.Message}");
        }

        if (root is not JsonObject obj)
        {
            throw new PipelineConfigException($"{origin}: the top level must be a mapping (dataset, reader, batching, filters, dedup, annotations).");
        }

        var filters = ReadFilterSteps(obj["filters"], origin);
        obj.Remove("filters");

        PipelineConfig config;
        try
        {
            config = obj.Deserialize<PipelineConfig>(SerializerOptions) ?? new PipelineConfig();
        }
        catch (JsonException ex)
        {
            throw new PipelineConfigException($"{origin}: {DescribeJsonError(ex)}");
        }

        config = config with { Filters = filters };
        Validate(config, origin);
        return config;
    }

    /// <summary>The config as canonical JSON, the form stored beside a run so every activity reads the same pipeline.</summary>
    public static string ToJson(PipelineConfig config)
    {
        var node = JsonSerializer.SerializeToNode(config with { Filters = [] }, SerializerOptions)!.AsObject();
        var filters = new JsonArray();
        foreach (var step in config.Filters)
        {
            JsonNode? options = step.Options is { } o ? JsonNode.Parse(o.GetRawText()) : new JsonObject();
            filters.Add(new JsonObject { [step.Name] = options });
        }

        node["filters"] = filters;
        return node.ToJsonString(SerializerOptions);
    }

    static List<FilterStep> ReadFilterSteps(JsonNode? node, string origin)
    {
        var steps = new List<FilterStep>();
        if (node is null)
        {
            return steps;
        }

        if (node is not JsonArray array)
        {
            throw new PipelineConfigException($"{origin}: 'filters' must be a list, e.g. [ {{ gopher_quality: {{}} }}, length ].");
        }

        for (var i = 0; i < array.Count; i++)
        {
            switch (array[i])
            {
                case JsonValue value when value.TryGetValue<string>(out var name):
                    steps.Add(new FilterStep(name, null));
                    break;
                case JsonObject { Count: 1 } single:
                    var (key, options) = single.First();
                    if (options is not null and not JsonObject)
                    {
                        throw new PipelineConfigException($"{origin}: filters[{i}] '{key}': options must be a mapping of option names to values.");
                    }

                    steps.Add(new FilterStep(key, options is null ? null : JsonDocument.Parse(options.ToJsonString()).RootElement.Clone()));
                    break;
                default:
                    throw new PipelineConfigException($"{origin}: filters[{i}] must be a filter name or a mapping with exactly one filter name as its key.");
            }
        }

        return steps;
    }

    static void Validate(PipelineConfig config, string origin)
    {
        var errors = new List<string>();
        ValidateObject(config, "", errors);
        ValidateObject(config.Reader, "reader.", errors);
        ValidateObject(config.Batching, "batching.", errors);
        ValidateObject(config.Dedup, "dedup.", errors);
        ValidateObject(config.Reviews, "reviews.", errors);
        if (config.Reader.Format is { } format && format is not ("jsonl" or "text" or "html" or "eml"))
        {
            errors.Add($"reader.format '{format}' is not one of jsonl, text, html, eml (or leave it out to pick by file extension)");
        }

        ValidateAnnotations(config.Annotations, errors);
        if (errors.Count > 0)
        {
            throw new PipelineConfigException($"{origin}: {string.Join("; ", errors)}.");
        }
    }

    static void ValidateAnnotations(IReadOnlyList<AnnotationTaskConfig> tasks, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var prefix = $"annotations[{i}]{(task.Name.Length > 0 ? $" ({task.Name})" : "")}.";
            ValidateObject(task, prefix, errors);
            ValidateObject(task.Routing, prefix + "routing.", errors);
            ValidateObject(task.Budget, prefix + "budget.", errors);
            ValidateObject(task.ReviewSelection, prefix + "review_selection.", errors);
            if (task.ReviewSelection.Uncertainty is not (SelectionStrategy.LeastConfidence or SelectionStrategy.Margin or SelectionStrategy.Entropy))
            {
                errors.Add($"{prefix}review_selection.uncertainty: must be least_confidence, margin or entropy");
            }
            if (task.Name.Length > 0 && !names.Add(task.Name))
            {
                errors.Add($"{prefix}name: task '{task.Name}' is declared twice");
            }

            var labelRule = task.Kind switch
            {
                AnnotationKind.Binary when task.Labels.Count != 2 => "a binary task needs exactly two labels (negative first, then positive)",
                AnnotationKind.Multiclass when task.Labels.Count < 2 => "a multiclass task needs at least two labels",
                AnnotationKind.Score when task.Labels.Count != 0 => "a score task has no labels (its answer is a number in [0, 1])",
                _ => null,
            };
            if (labelRule is not null)
            {
                errors.Add($"{prefix}labels: {labelRule}");
            }

            if (task.Labels.Distinct(StringComparer.Ordinal).Count() != task.Labels.Count || task.Labels.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{prefix}labels: labels must be distinct and not blank");
            }
        }
    }

    static void ValidateObject(object instance, string prefix, List<string> errors)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                var member = JsonNamingPolicy.SnakeCaseLower.ConvertName(result.MemberNames.FirstOrDefault() ?? "");
                errors.Add($"{prefix}{member}: {result.ErrorMessage}");
            }
        }
    }

    static string DescribeJsonError(JsonException ex)
    {
        // System.Text.Json names the JSON path of the offending member ("$.reader.txt_field"); keep that, drop the type names.
        var path = ex.Path is { Length: > 2 } p ? p[2..] : "(top level)";
        return ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"unknown setting '{path}' (check the spelling; keys are snake_case)"
            : $"setting '{path}' has the wrong type or value ({ex.Message.Split(". Path:")[0]})";
    }

    static JsonNode? YamlToJson(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? new JsonObject() : Convert(stream.Documents[0].RootNode);
    }

    static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new PipelineConfigException($"unsupported YAML node at {node.Start}"),
    };

    static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        // Plain scalars follow YAML 1.2's core schema: null, booleans, numbers, else strings.
        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }
}
