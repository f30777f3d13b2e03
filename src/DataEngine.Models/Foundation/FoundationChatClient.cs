using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace DataEngine.Models.Foundation;

/// <summary>Builds the <see cref="IChatClient"/> of the foundation tier: the OpenAI SDK's chat client over a resilient <see cref="HttpClient"/>.</summary>
internal static class FoundationChatClient
{
    // The SDK refuses an empty key; servers that check none ignore the bearer token this sends.
    private const string NoKey = "none";

    public static IChatClient Create(HttpClient http, FoundationModelOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            Transport = new HttpClientPipelineTransport(http),
            // Retries belong to the resilience handler inside the HttpClient; the SDK's own policy (3 retries by default)
            // would multiply them: every SDK attempt would run the handler's whole retry sequence again.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's timeout spans the whole send, the handler's retries and Retry-After waits included, so it must not
            // fire before the handler's total timeout does; past that it only guards reading a stalled response body.
            NetworkTimeout = options.TotalTimeout + TimeSpan.FromSeconds(10),
        };
        var key = string.IsNullOrEmpty(options.ApiKey) ? NoKey : options.ApiKey;
        return new ChatClient(options.Model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }
}
