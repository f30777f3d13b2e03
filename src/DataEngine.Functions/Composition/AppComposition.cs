using DataEngine.Models;
using DataEngine.Workflows;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Functions.Composition;

/// <summary>Every service of the Functions app, in one call: what Program.cs composes and what the composition tests build.</summary>
public static class AppComposition
{
    public static IServiceCollection AddDataEngineApp(this IServiceCollection services, IConfiguration configuration) =>
        services.AddDataEngineWorkflows().AddDataEngineStorage(configuration).AddDataEngineModels(configuration)
            .AddDataEngineReviewNotifications(configuration).AddDataEngineFunctions();
}
