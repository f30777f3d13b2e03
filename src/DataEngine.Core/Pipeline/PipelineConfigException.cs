namespace DataEngine.Core.Pipeline;

/// <summary>The pipeline configuration is wrong: raised before anything runs, with a message that names the setting and the fix.</summary>
public sealed class PipelineConfigException(string message) : Exception(message);
