using DataEngine.Core.Runs;
using DataEngine.Functions.Api;
using DataEngine.Functions.Tests.Fakes;
using DataEngine.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace DataEngine.Functions.Tests;

public sealed class RunStatusApiTests
{
    readonly InstanceStoreClient _client = new();
    readonly HttpRequest _request = new DefaultHttpContext().Request;

    [Fact]
    public async Task AnUnknownRunIsNotFoundWithItsIdInTheMessage()
    {
        var result = await new RunStatusApi().GetRun(_request, "mail-0123456789ab", _client, CancellationToken.None);

        var notFound = Assert.IsType<NotFoundObjectResult>(result);
        Assert.Contains("mail-0123456789ab", notFound.Value!.ToString());
    }

    [Fact]
    public async Task ABatchSubOrchestrationIsNotARun()
    {
        _client.Set("mail-0123456789ab-batch-00000", "BatchOrchestrator", OrchestrationRuntimeStatus.Running);

        var result = await new RunStatusApi().GetRun(_request, "mail-0123456789ab-batch-00000", _client, CancellationToken.None);

        Assert.IsType<NotFoundObjectResult>(result);
    }

    [Fact]
    public async Task ARunningRunShowsItsProgressAndNoReport()
    {
        _client.Set("mail-0123456789ab", "RunOrchestrator", OrchestrationRuntimeStatus.Running, customStatus: new RunProgress("filtering", 4, 1, 2000, 500));

        var status = await GetStatus("mail-0123456789ab");

        Assert.Equal("Running", status.RuntimeStatus);
        Assert.Equal(new RunProgress("filtering", 4, 1, 2000, 500), status.Progress);
        Assert.Null(status.Report);
        Assert.Null(status.Error);
    }

    [Fact]
    public async Task ACompletedRunShowsItsReport()
    {
        var report = Report("mail-0123456789ab");
        _client.Set("mail-0123456789ab", "RunOrchestrator", OrchestrationRuntimeStatus.Completed, output: report, customStatus: new RunProgress("completed", 4, 4, 2000, 2000));

        var status = await GetStatus("mail-0123456789ab");

        Assert.Equal("Completed", status.RuntimeStatus);
        Assert.Equal((2000L, 1500L, 400L), (status.Report!.Read, status.Report.Accepted, status.Report.Rejected));
        Assert.Equal(["curated/mail-0123456789ab/curated/part-00000.jsonl"], status.Report.CuratedFiles);
    }

    [Fact]
    public async Task AFailedRunSaysWhy()
    {
        _client.Set("mail-0123456789ab", "RunOrchestrator", OrchestrationRuntimeStatus.Failed, error: "PlanBatches: raw/mail/part-1.jsonl does not exist");

        var status = await GetStatus("mail-0123456789ab");

        Assert.Equal("Failed", status.RuntimeStatus);
        Assert.Contains("does not exist", status.Error);
        Assert.Null(status.Report);
    }

    async Task<RunStatus> GetStatus(string runId)
    {
        var result = await new RunStatusApi().GetRun(_request, runId, _client, CancellationToken.None);
        return Assert.IsType<RunStatus>(Assert.IsType<OkObjectResult>(result).Value);
    }

    static RunReport Report(string runId) => new()
    {
        RunId = runId,
        Dataset = "mail",
        Input = "raw/mail/part-1.jsonl",
        StartedAt = DateTimeOffset.UnixEpoch,
        CompletedAt = DateTimeOffset.UnixEpoch.AddSeconds(10),
        Batches = 4,
        Bytes = 1_000_000,
        Read = 2000,
        Accepted = 1500,
        Rejected = 400,
        Duplicates = 90,
        Quarantined = 10,
        RejectedByRule = [new RuleCount("gopher_quality.min_words", 400, 0.2)],
        QuarantinedByReason = [],
        CuratedFiles = [$"curated/{runId}/curated/part-00000.jsonl"],
    };
}
