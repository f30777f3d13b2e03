using System.ComponentModel.DataAnnotations;
using DataEngine.Core.Pipeline;

namespace DataEngine.Functions.Uploads;

/// <summary>Checks a dataset name against the rule <see cref="PipelineConfig.Dataset"/> declares, so the rule lives in one place.</summary>
static class DatasetName
{
    /// <summary>Null when <paramref name="name"/> is a valid dataset name, else why not.</summary>
    public static string? Problem(string name)
    {
        var results = new List<ValidationResult>();
        var context = new ValidationContext(new PipelineConfig()) { MemberName = nameof(PipelineConfig.Dataset) };
        return Validator.TryValidateProperty(name, context, results) ? null : string.Join("; ", results.Select(r => r.ErrorMessage));
    }
}
