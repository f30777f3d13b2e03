using System.Net;
using Azure;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Blobs;

/// <summary>Turns what the SDK throws into what the port promises, with messages that say what happened and what to do.</summary>
static class BlobFailures
{
    /// <summary>True when <paramref name="exception"/> is a throttled, failed, timed-out or unreachable call that the SDK already retried.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        // The SDK's retry policy gives up with an AggregateException of each try's failure.
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => IsTransient(e, cancellationToken)),
        // A network timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException => true,
        _ => false,
    };

    public static BlobStoreUnavailableException Unavailable(Exception exception, string action, BlobRef? blob, AzureBlobStorageOptions options)
    {
        var last = Last(exception);
        var status = (last as RequestFailedException)?.Status is > 0 and var s ? s : (int?)null;
        var what = last switch
        {
            RequestFailedException { Status: 429 or 503 } failed => $"the service is throttling or busy ({failed.Status} {failed.ErrorCode})",
            RequestFailedException { Status: > 0 } failed => $"the service failed ({failed.Status} {failed.ErrorCode})",
            OperationCanceledException => "the service did not answer within the network timeout",
            _ => $"the service could not be reached ({FirstLine(last.Message)})",
        };
        var target = blob is { } b ? $" '{b}'" : "";
        return new BlobStoreUnavailableException(
            $"Blob storage could not {action}{target}: {what}, still after {options.RetrySummary}. Nothing partial was left; try again later.",
            blob, status, exception);
    }

    public static bool IsStatus(Exception exception, HttpStatusCode status, string? errorCode = null) =>
        Last(exception) is RequestFailedException failed && failed.Status == (int)status && (errorCode is null || failed.ErrorCode == errorCode);

    /// <summary>The failure that ended the last try.</summary>
    static Exception Last(Exception exception) => exception is AggregateException { InnerExceptions.Count: > 0 } all ? Last(all.InnerExceptions[^1]) : exception;

    static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
