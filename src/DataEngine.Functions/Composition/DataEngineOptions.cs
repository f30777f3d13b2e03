using System.ComponentModel.DataAnnotations;

namespace DataEngine.Functions.Composition;

/// <summary>Settings of the Functions app, bound from the "DataEngine" section (app setting <c>DataEngine__DefaultDataset</c>).</summary>
public sealed class DataEngineOptions
{
    public const string SectionName = "DataEngine";

    /// <summary>The dataset of uploads that sit at the top of the raw container, outside any dataset folder.</summary>
    [Required]
    public string DefaultDataset { get; set; } = "default";
}
