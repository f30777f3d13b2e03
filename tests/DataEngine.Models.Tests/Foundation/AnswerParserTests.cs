using DataEngine.Models.Foundation;
using static DataEngine.Models.Tests.Foundation.FoundationHarness;

namespace DataEngine.Models.Tests.Foundation;

/// <summary>Reading answers: what counts as an answer for an item, and what is reported when it does not.</summary>
public sealed class AnswerParserTests
{
    private static readonly string[] Ids = ["1", "2"];

    [Fact]
    public void An_id_answered_twice_counts_as_unanswered()
    {
        var check = AnswerParser.Check(
            """{"answers":[{"id":"1","label":"ham","confidence":0.9},{"id":"1","label":"spam","confidence":0.9},{"id":"2","label":"spam","confidence":0.5}]}""",
            Spam, Ids);

        Assert.False(check.Answers.ContainsKey("1"));
        Assert.Equal("the answer gave this item more than one entry", check.ProblemFor("1"));
        Assert.Equal(new ItemAnswer("spam", null, 0.5), check.Answers["2"]);
    }

    [Fact]
    public void Ids_nobody_asked_about_are_ignored_and_numeric_ids_still_name_their_item()
    {
        var check = AnswerParser.Check("""{"answers":[{"id":2,"label":"ham","confidence":1},{"id":"9","label":"spam","confidence":1}]}""", Spam, Ids);

        Assert.Equal(["2"], check.Answers.Keys);
        Assert.Equal("the answer left this item out", check.ProblemFor("1"));
    }

    [Fact]
    public void Json_in_a_markdown_fence_is_read()
    {
        var check = AnswerParser.Check("```json\n{\"answers\":[{\"id\":\"1\",\"label\":\"ham\",\"confidence\":0.9}]}\n```", Spam, Ids);

        Assert.Equal("ham", check.Answers["1"].Label);
    }

    [Fact]
    public void Labels_are_matched_exactly()
    {
        var check = AnswerParser.Check("""{"answers":[{"id":"1","label":"HAM","confidence":0.9}]}""", Spam, Ids);

        Assert.Empty(check.Answers);
        Assert.Contains("label \"HAM\" is not one of the task's labels", check.ProblemFor("1"));
    }

    [Theory]
    [InlineData("", "the answer was empty")]
    [InlineData("[1, 2]", "the answer has no \"answers\" array")]
    [InlineData("{\"answers\": {}}", "the answer has no \"answers\" array")]
    [InlineData("Sure! Here are the labels", "the answer is not valid JSON")]
    public void An_unusable_answer_says_why_for_every_item(string text, string reason)
    {
        var check = AnswerParser.Check(text, Spam, Ids);

        Assert.Empty(check.Answers);
        Assert.All(Ids, id => Assert.StartsWith(reason, check.ProblemFor(id)));
    }

    [Fact]
    public void An_answer_cut_off_at_the_token_limit_says_so()
    {
        var check = AnswerParser.Check("{\"answers\":[{\"id\":\"1\",\"la", Spam, Ids, stopped: "cut off at MaxOutputTokens");

        Assert.Equal("the answer was cut off at MaxOutputTokens before its JSON was complete", check.Problem);
    }

    [Fact]
    public void A_missing_confidence_is_a_problem_not_a_default()
    {
        var check = AnswerParser.Check("""{"answers":[{"id":"1","label":"ham"}]}""", Spam, Ids);

        Assert.Equal("the answer gave no \"confidence\" number", check.ProblemFor("1"));
    }
}
