using System.Text;
using DataEngine.Functions.Uploads;

namespace DataEngine.Functions.Tests;

/// <summary>What the raw-uploads queue accepts: Event Grid's BlobCreated event for the raw container, and nothing else.</summary>
public sealed class BlobCreatedEventTests
{
    /// <summary>Shaped as Event Grid delivers a Blob Storage BlobCreated event (Event Grid schema) to a storage-queue endpoint.</summary>
    public const string Delivered = """
        {
          "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dataengine/providers/Microsoft.Storage/storageAccounts/dataenginestore",
          "subject": "/blobServices/default/containers/raw/blobs/mail/2024/part 1.jsonl",
          "eventType": "Microsoft.Storage.BlobCreated",
          "eventTime": "2025-03-14T09:26:53.5897932Z",
          "id": "831e1650-001e-001b-66ab-eeb76e069631",
          "data": {
            "api": "PutBlockList",
            "clientRequestId": "6d79dbfb-0e37-4fc4-981f-442c9ca65760",
            "requestId": "831e1650-001e-001b-66ab-eeb76e000000",
            "eTag": "\"0x8D4BCC2E4835CD0\"",
            "contentType": "application/x-ndjson",
            "contentLength": 524288,
            "blobType": "BlockBlob",
            "url": "https://dataenginestore.blob.core.windows.net/raw/mail/2024/part%201.jsonl",
            "sequencer": "00000000000004420000000000028963",
            "storageDiagnostics": { "batchId": "b68529f3-68cd-4744-baa4-3c0498ec19f0" }
          },
          "dataVersion": "",
          "metadataVersion": "1"
        }
        """;

    [Fact]
    public void AnEventGridBlobCreatedEventNamesTheBlobAndItsETag()
    {
        var upload = BlobCreatedEvent.Parse(Delivered);

        Assert.Equal(new BlobCreatedEvent("mail/2024/part 1.jsonl", "\"0x8D4BCC2E4835CD0\""), upload);
    }

    [Fact]
    public void ABase64EncodedMessageIsReadTheSame()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Delivered));

        Assert.Equal(BlobCreatedEvent.Parse(Delivered), BlobCreatedEvent.Parse(encoded));
    }

    [Fact]
    public void AnUnquotedETagIsQuotedAsTheBlobServiceReturnsIt()
    {
        var upload = BlobCreatedEvent.Parse(Delivered.Replace("\"\\\"0x8D4BCC2E4835CD0\\\"\"", "\"0x8D4BCC2E4835CD0\""));

        Assert.Equal("\"0x8D4BCC2E4835CD0\"", upload.ETag);
    }

    [Theory]
    [InlineData("Microsoft.Storage.BlobDeleted", "is a Microsoft.Storage.BlobDeleted event; only Microsoft.Storage.BlobCreated starts a run")]
    [InlineData("Microsoft.Storage.BlobRenamed", "is a Microsoft.Storage.BlobRenamed event")]
    public void AnotherEventTypeIsRejectedNamingIt(string eventType, string said)
    {
        var error = Assert.Throws<FormatException>(() => BlobCreatedEvent.Parse(Delivered.Replace("Microsoft.Storage.BlobCreated", eventType)));

        Assert.Contains(said, error.Message);
    }

    [Fact]
    public void AnUploadToAnotherContainerIsRejectedNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => BlobCreatedEvent.Parse(Delivered.Replace("containers/raw/blobs", "containers/curated/blobs")));

        Assert.Contains("container 'curated'; only uploads to 'raw' start runs", error.Message);
    }

    [Theory]
    [InlineData("{ \"subject\": \"/blobServices/default/containers/raw/blobs/a.jsonl\", ", "not JSON")]
    [InlineData("raw/mail/part-1.jsonl", "not JSON")]
    [InlineData("[]", "not one event object")]
    [InlineData("""{ "subject": "/blobServices/default/containers/raw/blobs/a.jsonl", "data": { "eTag": "0x1" } }""", "has no eventType")]
    [InlineData("""{ "type": "Microsoft.Storage.BlobCreated", "subject": "/blobServices/default/containers/raw/blobs/a.jsonl", "data": { "eTag": "0x1" } }""", "not CloudEvents")]
    [InlineData("""{ "eventType": "Microsoft.Storage.BlobCreated", "subject": "raw/a.jsonl", "data": { "eTag": "0x1" } }""", "subject 'raw/a.jsonl' is not a blob's")]
    [InlineData("""{ "eventType": "Microsoft.Storage.BlobCreated", "subject": "/blobServices/default/containers/raw/blobs/", "data": { "eTag": "0x1" } }""", "names no blob")]
    [InlineData("""{ "eventType": "Microsoft.Storage.BlobCreated", "subject": "/blobServices/default/containers/raw/blobs/a.jsonl", "data": { "url": "x" } }""", "raw/a.jsonl has no data.eTag")]
    public void AMalformedMessageIsRejectedSayingWhy(string message, string said)
    {
        var error = Assert.Throws<FormatException>(() => BlobCreatedEvent.Parse(message));

        Assert.Contains(said, error.Message);
    }
}
