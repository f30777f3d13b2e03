using DataEngine.Functions.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DataEngine.Functions.Composition;

/// <summary>Registers the app's own services and options; the options are validated when the host starts.</summary>
public static class FunctionsRegistration
{
    public static IServiceCollection AddDataEngineFunctions(this IServiceCollection services)
    {
        services.AddOptions<DataEngineOptions>()
            .BindConfiguration(DataEngineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataEngineOptions>, DataEngineOptionsValidator>());
        services.AddSingleton<PipelineBeside>();
        services.AddSingleton<UploadScheduler>();
        return services;
    }
}
