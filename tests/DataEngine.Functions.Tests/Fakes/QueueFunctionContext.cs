using Microsoft.Azure.Functions.Worker;

namespace DataEngine.Functions.Tests.Fakes;

/// <summary>The function context of one queue-triggered invocation, holding the trigger metadata the host sends with a message.</summary>
sealed class QueueFunctionContext(string messageId, long dequeueCount) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => "OnRawUploadEvent";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext { get; } = new QueueBindingContext(new Dictionary<string, object?>
    {
        ["Id"] = messageId,
        ["DequeueCount"] = dequeueCount,
    });

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = null!;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    sealed class QueueBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }
}
