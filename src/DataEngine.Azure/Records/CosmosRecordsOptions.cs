using System.ComponentModel.DataAnnotations;

namespace DataEngine.Azure.Records;

/// <summary>Where the Cosmos record store lives and how hard it pushes: bound from <c>DataEngine:Cosmos</c>.</summary>
public sealed class CosmosRecordsOptions : IValidatableObject
{
    public const string SectionName = "DataEngine:Cosmos";

    /// <summary>Key auth, for local emulators and tests: <c>AccountEndpoint=…;AccountKey=…;</c>. Leave empty in Azure.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account in Azure (<c>https://ACCOUNT.documents.azure.com:443/</c>), reached with a managed identity (DefaultAzureCredential).</summary>
    public Uri? AccountEndpoint { get; set; }

    [Required]
    [RegularExpression(@"^[^/\\?#]{1,255}$")]
    public string DatabaseName { get; set; } = "dataengine";

    [Required]
    [RegularExpression(@"^[^/\\?#]{1,255}$")]
    public string RunsContainer { get; set; } = "runs";

    [Required]
    [RegularExpression(@"^[^/\\?#]{1,255}$")]
    public string ItemsContainer { get; set; } = "items";

    [Required]
    [RegularExpression(@"^[^/\\?#]{1,255}$")]
    public string ClaimsContainer { get; set; } = "dedupClaims";

    [Required]
    [RegularExpression(@"^[^/\\?#]{1,255}$")]
    public string AnnotationsContainer { get; set; } = "annotations";

    /// <summary>The review store's tasks (<see cref="CosmosReviewStore"/>).</summary>
    [Required]
    [RegularExpression(@"^[^/\\?#]{1,255}$")]
    public string ReviewTasksContainer { get; set; } = "reviewTasks";

    /// <summary>The review store's assignments, keyed by reviewer (<see cref="CosmosReviewStore"/>).</summary>
    [Required]
    [RegularExpression(@"^[^/\\?#]{1,255}$")]
    public string ReviewAssignmentsContainer { get; set; } = "reviewAssignments";

    /// <summary>The review-link ledger's used nonces, with per-document time to live (<see cref="CosmosReviewTokenLedger"/>).</summary>
    [Required]
    [RegularExpression(@"^[^/\\?#]{1,255}$")]
    public string ReviewLinksContainer { get; set; } = "reviewLinks";

    /// <summary>
    /// At most this many point writes in flight per call (a batch's items, its dedup claims). High enough to hide
    /// latency; low enough that one commit does not spend a container's whole RU budget in one burst.
    /// </summary>
    [Range(1, 256)]
    public int MaxParallelRequests { get; set; } = 32;

    /// <summary>
    /// Rows per keyset page when listing a run's items or annotations or a task's labels. Large, because each query has
    /// a fixed cost (on the emulator, a scan of the container); where a page's rows exceed the 4 MB a response may carry,
    /// the SDK follows the continuation within the page. Tests lower it so a few thousand records cross page boundaries.
    /// </summary>
    [Range(1, 10_000)]
    public int QueryPageSize { get; set; } = 5000;

    /// <summary>How often the SDK retries one throttled (429) request, waiting as long as the server asks.</summary>
    [Range(0, 100)]
    public int MaxRetryAttemptsOnRateLimitedRequests { get; set; } = 9;

    /// <summary>The most time the SDK spends retrying one throttled request before the 429 reaches the caller.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryWaitTimeOnRateLimitedRequests { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one network request may take before the SDK gives up on it (and retries where that is safe).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Create the database and containers at first use when they are missing (needs key auth or a control-plane role).</summary>
    public bool CreateIfMissing { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasConnectionString == (AccountEndpoint is not null))
        {
            yield return new ValidationResult(
                $"Set exactly one of {SectionName}:{nameof(ConnectionString)} (key auth, local) and {SectionName}:{nameof(AccountEndpoint)} (managed identity, Azure).",
                [nameof(ConnectionString), nameof(AccountEndpoint)]);
        }

        if (AccountEndpoint is { IsAbsoluteUri: false } or { Scheme: not "https" })
        {
            yield return new ValidationResult($"{SectionName}:{nameof(AccountEndpoint)} must be an absolute https URI.", [nameof(AccountEndpoint)]);
        }

        (string Setting, string Name)[] containers =
        [
            (nameof(RunsContainer), RunsContainer), (nameof(ItemsContainer), ItemsContainer), (nameof(ClaimsContainer), ClaimsContainer),
            (nameof(AnnotationsContainer), AnnotationsContainer), (nameof(ReviewTasksContainer), ReviewTasksContainer),
            (nameof(ReviewAssignmentsContainer), ReviewAssignmentsContainer), (nameof(ReviewLinksContainer), ReviewLinksContainer),
        ];
        foreach (var shared in containers.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // Name the clashing settings: "must differ" alone leaves the reader to diff seven values by hand.
            var settings = shared.Select(c => $"{SectionName}:{c.Setting}").ToArray();
            yield return new ValidationResult(
                $"{string.Join(" and ", settings)} name the same container '{shared.Key}': the record store's containers must have different names.",
                shared.Select(c => c.Setting).ToArray());
        }
    }
}
