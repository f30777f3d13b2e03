using Microsoft.Extensions.Logging;

namespace DataEngine.Models.Foundation;

/// <summary>The foundation tier's log messages.</summary>
internal static partial class FoundationLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Foundation model {Model}: a request for {Items} item(s) of task {Task} failed; they are marked failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, int items, string task, string model, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Foundation model {Model}: attempt {Attempt} left {Items} item(s) of task {Task} without a usable answer, e.g. {Problem}")]
    public static partial void UnusableAnswer(ILogger logger, int items, string task, string model, int attempt, string problem);
}
