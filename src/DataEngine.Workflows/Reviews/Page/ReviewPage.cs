namespace DataEngine.Workflows.Reviews.Page;

/// <summary>The reviewer web page (docs/review-api.md): one self-contained HTML file embedded in this assembly.</summary>
public static class ReviewPage
{
    private const string ResourceName = "DataEngine.Workflows.Reviews.Page.review.html";

    /// <summary>The page, read from the embedded resource once. It takes the API base from its own
    /// <c>dataengine-api</c> meta element and the reviewer, dataset and function key from its URL.</summary>
    public static string Html { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(ReviewPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(ReviewPage).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
