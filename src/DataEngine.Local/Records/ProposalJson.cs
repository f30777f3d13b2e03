using System.Text.Json;
using System.Text.Json.Serialization;
using DataEngine.Core.Annotations;

namespace DataEngine.Local.Records;

/// <summary>A review task's proposals as one JSON column: they are only ever read and written with their task.</summary>
static class ProposalJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },

        // A model's confidence or score may be NaN; JSON has no NaN, so it travels as the string "NaN".
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(IReadOnlyList<Annotation> proposals) => JsonSerializer.Serialize(proposals, Options);

    public static IReadOnlyList<Annotation> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<Annotation>>(json, Options) ?? throw new InvalidDataException("A review task's proposals are null.");
}
