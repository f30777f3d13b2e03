using DurableTask.AzureStorage;

namespace DataEngine.Local.Durable;

/// <summary>
/// Lets the Azure Storage provider store events created by the gRPC sidecar. The sidecar copies a request's tags into
/// the history event as a Google.Protobuf <c>MapField&lt;string, string&gt;</c>; the provider writes queue messages with
/// .NET type names and cannot load that type back. Tags are written as a plain dictionary instead, and a message queued
/// with the protobuf type name reads back as one too.
/// </summary>
sealed class ProtobufTagsTypeBinder : ICustomTypeBinder
{
    const string MapField = "Google.Protobuf.Collections.MapField`2";
    static readonly Type Tags = typeof(Dictionary<string, string>);

    public void BindToName(Type serializedType, out string assemblyName, out string typeName)
    {
        assemblyName = null!; // the provider's default: the type name alone
        typeName = IsMapField(serializedType.FullName) ? Tags.FullName! : serializedType.FullName!;
    }

    public Type BindToType(string assemblyName, string typeName) =>
        IsMapField(typeName) ? Tags : Type.GetType(typeName, throwOnError: true)!;

    static bool IsMapField(string? typeName) => typeName?.StartsWith(MapField, StringComparison.Ordinal) == true;
}
