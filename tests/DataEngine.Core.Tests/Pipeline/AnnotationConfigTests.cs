using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Tests.Pipeline;

public sealed class AnnotationConfigTests
{
    static PipelineConfig Parse(string annotations) => PipelineConfigLoader.Parse("dataset: mail\nannotations:\n" + annotations, isYaml: true, "test.yaml");

    [Fact]
    public void The_sample_annotation_pipeline_loads_with_its_task_stage_routing_and_budget()
    {
        var config = PipelineConfigLoader.LoadFile(Path.Combine(Readers.ReaderTestData.SamplesDirectory(), "mail", "pipeline-annotate.yaml"));

        var task = Assert.Single(config.Annotations);
        Assert.Equal("spam", task.Name);
        Assert.Equal(AnnotationKind.Binary, task.Kind);
        Assert.Equal(["ham", "spam"], task.Labels);
        Assert.Equal(AnnotationStage.SemiAutomatic, task.Stage);
        Assert.Equal(0.9, task.Routing.SemiAutomaticAccept);
        Assert.Equal(300, task.Budget.MaxFoundationItems);
        Assert.Equal(PipelineConfigLoader.ToJson(config), PipelineConfigLoader.ToJson(PipelineConfigLoader.Parse(PipelineConfigLoader.ToJson(config), isYaml: false)));
    }

    [Theory]
    [InlineData("  - { name: spam, kind: binary, labels: [ham, spam, maybe], instructions: Is this mail spam or not? }", "a binary task needs exactly two labels")]
    [InlineData("  - { name: topic, kind: multiclass, labels: [one], instructions: Which topic is this mail about? }", "a multiclass task needs at least two labels")]
    [InlineData("  - { name: quality, kind: score, labels: [low, high], instructions: How useful is this text for training? }", "a score task has no labels")]
    [InlineData("  - { name: spam, kind: binary, labels: [ham, ham], instructions: Is this mail spam or not? }", "labels must be distinct")]
    [InlineData("  - { name: spam, kind: ternary, labels: [ham, spam], instructions: Is this mail spam or not? }", "annotations")]
    [InlineData("  - { name: Spam!, kind: binary, labels: [ham, spam], instructions: Is this mail spam or not? }", "task name must be")]
    [InlineData("  - { name: spam, kind: binary, labels: [ham, spam], instructions: spam? }", "instructions must say")]
    [InlineData("  - { name: spam, kind: binary, labels: [ham, spam], instructions: Is this mail spam or not?, routing: { semi_automatic_accept: 1.5 } }", "semi_automatic_accept")]
    [InlineData("  - { name: spam, kind: binary, labels: [ham, spam], instructions: Is this mail spam or not? }\n  - { name: spam, kind: binary, labels: [ham, spam], instructions: Is this mail spam or not? }", "declared twice")]
    public void A_wrong_task_is_an_error_that_names_the_task_and_the_problem(string annotations, string expected)
    {
        var error = Assert.Throws<PipelineConfigException>(() => Parse(annotations));

        Assert.Contains(expected, error.Message);
        Assert.Contains("test.yaml", error.Message);
    }
}
