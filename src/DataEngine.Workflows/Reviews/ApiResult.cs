namespace DataEngine.Workflows.Reviews;

/// <summary>What a review endpoint answers, whatever hosts it: a status and a JSON body, or an HTML page.</summary>
public sealed record ApiResult(int Status, object? Json = null, string? Html = null)
{
    public static ApiResult Ok(object json) => new(200, json);

    public static ApiResult Error(int status, string message, object? extra = null) =>
        new(status, extra is null ? new ErrorBody(message) : new ErrorWithReview(message, extra));

    public sealed record ErrorBody(string Error);

    public sealed record ErrorWithReview(string Error, object Review);
}
