using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Batches;
using DataEngine.Core.Runs;
using DataEngine.Workflows.Activities;
using DataEngine.Workflows.Orchestrators;
using DataEngine.Workflows.Reviews;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataEngine.Workflows;

/// <summary>Registers the engine's orchestrators, activities and the Core services they call: one list for every host.</summary>
public static class WorkflowRegistration
{
    /// <summary>Adds every orchestrator and activity of the curation workflow to a durable task registry.</summary>
    public static DurableTaskRegistry AddDataEngineTasks(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<RunOrchestrator>()
        .AddOrchestrator<BatchOrchestrator>()
        .AddActivity<PlanBatches>()
        .AddActivity<FilterBatch>()
        .AddActivity<AnnotateBatch>()
        .AddActivity<FoundationBatch>()
        .AddActivity<OpenReviews>()
        .AddActivity<PendingReviews>()
        .AddActivity<CheckAnswer>()
        .AddActivity<ReviewDeadline>()
        .AddActivity<CloseReviews>()
        .AddActivity<CommitBatch>()
        .AddActivity<DistillHeads>()
        .AddActivity<QuarantineBatch>()
        .AddActivity<FinalizeRun>();

    /// <summary>Adds the Core services the activities call. The blob and record store ports are registered by an adapter.</summary>
    public static IServiceCollection AddDataEngineWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PipelineCache>();
        services.AddSingleton<RunStarter>();
        services.AddSingleton<RunPlanner>();
        services.AddSingleton<BatchFilterer>();
        services.AddSingleton<BatchCommitter>();
        services.AddSingleton<RunFinalizer>();
        services.TryAddSingleton<ModelTiers>();
        services.AddSingleton<LightStep>();
        services.AddSingleton<FoundationStep>();
        services.AddSingleton<AnnotationCommitter>();
        services.AddSingleton<Distiller>();
        services.AddSingleton<ReviewOpener>();
        services.AddSingleton<ReviewTracker>();
        services.AddSingleton<ReviewCloser>();
        services.AddSingleton<LateReviews>();
        services.AddSingleton<ReviewLinkVerifier>();
        services.AddSingleton<ReviewApi>();
        return services;
    }
}
