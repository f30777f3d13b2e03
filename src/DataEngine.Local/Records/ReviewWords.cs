using System.Text.Json;
using DataEngine.Core.Reviews;

namespace DataEngine.Local.Records;

/// <summary>Review states and actions as the words stored for them (camelCase, as the Cosmos DB documents spell them).</summary>
static class ReviewWords
{
    public static string State(ReviewAssignmentState state) => Word(state);

    public static ReviewAssignmentState ParseState(string word) => Parse<ReviewAssignmentState>(word);

    public static string Action(ReviewAction action) => Word(action);

    public static ReviewAction ParseAction(string word) => Parse<ReviewAction>(word);

    /// <summary>Why an answer was not recorded, from the assignment as it is stored now (null: there is none).</summary>
    public static AnswerOutcome OutcomeOfRefused(ReviewAssignment? stored) => stored?.State switch
    {
        null => AnswerOutcome.NotFound,
        ReviewAssignmentState.Answered => AnswerOutcome.AlreadyAnswered,
        _ => AnswerOutcome.NotOpen,
    };

    static string Word<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    static T Parse<T>(string word) where T : struct, Enum =>
        Enum.TryParse<T>(word, ignoreCase: true, out var value) && Word(value) == word
            ? value
            : throw new InvalidDataException($"Unknown {typeof(T).Name} '{word}' in the record store.");
}
