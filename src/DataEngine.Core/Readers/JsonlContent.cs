namespace DataEngine.Core.Readers;

/// <summary>What the text field of a JSONL record holds.</summary>
public enum JsonlContent
{
    /// <summary>Plain text: the field's string is the item's text.</summary>
    Text,

    /// <summary>A raw RFC 822 message: it is MIME-decoded; its headers become metadata, its body the text.</summary>
    Mail,
}
