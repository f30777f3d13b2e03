using DataEngine.Functions.Uploads;
using Microsoft.DurableTask.Client;

namespace DataEngine.Functions.Tests;

public sealed class UploadKeyTests
{
    [Fact]
    public void SameUploadDeliveredTwiceMapsToTheSameRun()
    {
        var first = UploadKey.InstanceIdFor("mail", "mail/2024/part-1.jsonl", "\"0x8DC1\"");
        var again = UploadKey.InstanceIdFor("mail", "mail/2024/part-1.jsonl", "\"0x8DC1\"");

        Assert.Equal(first, again);
        Assert.Matches("^mail-[0-9a-f]{12}$", first);
    }

    [Fact]
    public void OverwritingTheBlobOrUploadingAnotherStartsAnotherRun()
    {
        var original = UploadKey.InstanceIdFor("mail", "mail/part-1.jsonl", "\"0x8DC1\"");

        Assert.NotEqual(original, UploadKey.InstanceIdFor("mail", "mail/part-1.jsonl", "\"0x8DC2\""));
        Assert.NotEqual(original, UploadKey.InstanceIdFor("mail", "mail/part-2.jsonl", "\"0x8DC1\""));
    }

    [Theory]
    [InlineData("mail/2024/part-1.jsonl", "mail")]
    [InlineData("web/page.html", "web")]
    [InlineData("loose.jsonl", "fallback")]
    public void DatasetIsTheFirstFolder(string blobName, string dataset) =>
        Assert.Equal(dataset, UploadKey.DatasetOf(blobName, "fallback"));

    [Theory]
    [InlineData("mail/pipeline.json", true)]
    [InlineData("mail/2024/pipeline.yaml", true)]
    [InlineData("pipeline.yml", true)]
    [InlineData("mail/pipeline.json.bak", false)]
    [InlineData("mail/my-pipeline.json", false)]
    public void PipelineFilesAreRecognisedByName(string blobName, bool isPipeline) =>
        Assert.Equal(isPipeline, UploadKey.IsPipelineFile(blobName));

    [Theory]
    [InlineData(null, true)]
    [InlineData(OrchestrationRuntimeStatus.Failed, true)]
    [InlineData(OrchestrationRuntimeStatus.Terminated, true)]
    [InlineData(OrchestrationRuntimeStatus.Pending, false)]
    [InlineData(OrchestrationRuntimeStatus.Running, false)]
    [InlineData(OrchestrationRuntimeStatus.Suspended, false)]
    [InlineData(OrchestrationRuntimeStatus.Completed, false)]
    public void OnlyAMissingOrFailedRunIsScheduledAgain(OrchestrationRuntimeStatus? status, bool schedule)
    {
        var existing = status is { } s ? new OrchestrationMetadata("RunOrchestrator", "mail-0123456789ab") { RuntimeStatus = s } : null;

        Assert.Equal(schedule, UploadKey.ShouldSchedule(existing));
    }
}
