using DataEngine.Functions.Uploads;
using Microsoft.Extensions.Options;

namespace DataEngine.Functions.Composition;

/// <summary>Checks the default dataset against the same rule pipeline configs use, and says which rule failed.</summary>
sealed class DataEngineOptionsValidator : IValidateOptions<DataEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, DataEngineOptions options) =>
        DatasetName.Problem(options.DefaultDataset) is { } problem
            ? ValidateOptionsResult.Fail($"{DataEngineOptions.SectionName}:{nameof(DataEngineOptions.DefaultDataset)} '{options.DefaultDataset}': {problem}")
            : ValidateOptionsResult.Success;
}
