using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataEngine.Azure.Records;

/// <summary>The one set of System.Text.Json settings for Cosmos record documents: the client's serializer, point reads and size checks share it.</summary>
static class RecordJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // States and statuses as words ("accepted"), as the SQLite store writes them, so queries read the same in both.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },

        // A rule's measured value may be NaN (0/0); JSON has no NaN, so it travels as the string "NaN".
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // Text as UTF-8, not \uXXXX: the 2 MB document limit counts UTF-8 bytes, and these documents never meet HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
