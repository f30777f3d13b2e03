using System.Text.Json;
using System.Text.Json.Nodes;
using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;

namespace DataEngine.Models.Foundation;

/// <summary>
/// The JSON schema of an answer: <c>{"answers": [{"id", "label" | "score", "confidence"}]}</c>, one entry per item asked about.
/// </summary>
/// <remarks>
/// Written to OpenAI's strict structured-output subset (every property required, no additional properties), so a server
/// that enforces the schema can only produce a label from the task's list. Ranges ([0, 1]) are stated in descriptions, not
/// as <c>minimum</c>/<c>maximum</c>: some endpoints reject those keywords in strict mode, and <see cref="AnswerParser"/>
/// checks them anyway. The schema depends on the task alone, never on the items, so endpoints that compile schemas reuse it.
/// </remarks>
internal static class AnswerSchema
{
    public const string Name = "annotations";
    public const string Answers = "answers";
    public const string Id = "id";
    public const string Label = "label";
    public const string Score = "score";
    public const string Confidence = "confidence";

    public static JsonElement For(AnnotationTaskConfig task)
    {
        var answer = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                [Id] = new JsonObject { ["type"] = "string", ["description"] = "the item's id, exactly as given" },
                [task.Kind == AnnotationKind.Score ? Score : Label] = task.Kind == AnnotationKind.Score
                    ? new JsonObject { ["type"] = "number", ["description"] = "the item's score, between 0 and 1" }
                    : new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. task.Labels.Select(l => JsonValue.Create(l))]) },
                [Confidence] = new JsonObject
                {
                    ["type"] = "number",
                    ["description"] = "probability, between 0 and 1, that the answer is right",
                },
            },
            ["required"] = new JsonArray(Id, task.Kind == AnnotationKind.Score ? Score : Label, Confidence),
            ["additionalProperties"] = false,
        };
        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [Answers] = new JsonObject { ["type"] = "array", ["items"] = answer } },
            ["required"] = new JsonArray(Answers),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(root);
    }
}
