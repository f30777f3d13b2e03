using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>A <see cref="CosmosSerializer"/> on System.Text.Json, so documents and query results use <see cref="RecordJson"/>'s settings, not Newtonsoft's.</summary>
public sealed class SystemTextJsonCosmosSerializer(JsonSerializerOptions options) : CosmosSerializer
{
    /// <summary>The serializer with the record store's settings (camelCase, enums as words).</summary>
    public static SystemTextJsonCosmosSerializer ForRecords { get; } = new(RecordJson.Options);

    public override T FromStream<T>(Stream stream)
    {
        if (typeof(Stream).IsAssignableFrom(typeof(T)))
        {
            return (T)(object)stream; // the caller asked for the raw body and owns it now
        }

        using (stream)
        {
            return JsonSerializer.Deserialize<T>(stream, options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, options);
        stream.Position = 0;
        return stream;
    }
}
