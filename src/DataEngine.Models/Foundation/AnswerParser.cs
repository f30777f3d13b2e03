using System.Globalization;
using System.Text.Json;
using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;

namespace DataEngine.Models.Foundation;

/// <summary>
/// Reads a model's answer against the task and the ids asked about. Nothing is repaired or guessed: a label not in the
/// task's list, a number outside [0, 1], an id answered twice or not at all leaves that item without an answer.
/// </summary>
internal static class AnswerParser
{
    private const int MaxShownChars = 80;

    /// <param name="text">The answer's text.</param>
    /// <param name="task">The task the items were asked about.</param>
    /// <param name="ids">The ids the request gave its items.</param>
    /// <param name="stopped">Why the server stopped the answer early (the token limit, a content filter), if it did.</param>
    public static AnswerCheck Check(string? text, AnnotationTaskConfig task, IReadOnlyCollection<string> ids, string? stopped = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AnswerCheck(stopped is null ? "the answer was empty" : $"the answer was empty: {stopped}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(WithoutCodeFence(text));
        }
        catch (JsonException e)
        {
            return new AnswerCheck(stopped is null
                ? $"the answer is not valid JSON ({e.Message.Split(" Path:", 2)[0]}): {Shown(text)}"
                : $"the answer was {stopped} before its JSON was complete");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(AnswerSchema.Answers, out var answers)
                || answers.ValueKind != JsonValueKind.Array)
            {
                return new AnswerCheck($"the answer has no \"{AnswerSchema.Answers}\" array: {Shown(text)}");
            }

            var check = new AnswerCheck();
            var asked = ids as IReadOnlySet<string> ?? new HashSet<string>(ids, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in answers.EnumerateArray())
            {
                if (Id(entry) is not { } id || !asked.Contains(id))
                {
                    continue; // an id nobody asked about says nothing of the items that were
                }

                if (!seen.Add(id))
                {
                    check.Answers.Remove(id);
                    check.ItemProblems[id] = "the answer gave this item more than one entry";
                    continue;
                }

                var (answer, problem) = Read(entry, task);
                if (answer is not null)
                {
                    check.Answers[id] = answer;
                }
                else
                {
                    check.ItemProblems[id] = problem!;
                }
            }

            return check;
        }
    }

    private static (ItemAnswer? Answer, string? Problem) Read(JsonElement entry, AnnotationTaskConfig task)
    {
        if (Number(entry, AnswerSchema.Confidence, out var confidence) is { } confidenceProblem)
        {
            return (null, confidenceProblem);
        }

        if (task.Kind == AnnotationKind.Score)
        {
            return Number(entry, AnswerSchema.Score, out var score) is { } scoreProblem
                ? (null, scoreProblem)
                : (new ItemAnswer(null, score, confidence), null);
        }

        if (!entry.TryGetProperty(AnswerSchema.Label, out var label) || label.ValueKind != JsonValueKind.String)
        {
            return (null, $"the answer gave no \"{AnswerSchema.Label}\" string");
        }

        var value = label.GetString()!;
        var known = task.Labels.FirstOrDefault(l => string.Equals(l, value, StringComparison.Ordinal));
        return known is null
            ? (null, $"label {Quoted(value)} is not one of the task's labels ({string.Join(", ", task.Labels)})")
            : (new ItemAnswer(known, null, confidence), null);
    }

    private static string? Number(JsonElement entry, string name, out double value)
    {
        value = 0;
        if (!entry.TryGetProperty(name, out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetDouble(out value))
        {
            return $"the answer gave no \"{name}\" number";
        }

        return double.IsFinite(value) && value is >= 0 and <= 1
            ? null
            : $"{name} {value.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]";
    }

    private static string? Id(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(AnswerSchema.Id, out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(), // ids are "1", "2", …; a model that drops the quotes still names the item
                _ => null,
            }
            : null;

    /// <summary>Servers without structured output sometimes wrap JSON in a Markdown fence; the JSON inside is read as it is.</summary>
    private static string WithoutCodeFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6)
        {
            return trimmed;
        }

        var firstLineEnd = trimmed.IndexOf('\n');
        return firstLineEnd < 0 ? trimmed : trimmed[(firstLineEnd + 1)..^3];
    }

    private static string Quoted(string value) => JsonSerializer.Serialize(value.Length > MaxShownChars ? value[..MaxShownChars] + "…" : value, FoundationPrompt.Readable);

    private static string Shown(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length > MaxShownChars ? oneLine[..MaxShownChars] + "…" : oneLine;
    }
}
