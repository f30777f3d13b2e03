using System.ComponentModel.DataAnnotations;

namespace DataEngine.Core.Reviews;

/// <summary>Review-link signing settings, bound from <c>DataEngine:Reviews</c> and validated at start-up; keys come from configuration, never code.</summary>
public sealed class ReviewTokenOptions : IValidatableObject
{
    public const string Section = "DataEngine:Reviews";

    /// <summary>A link may not live longer than this: a review link is a bearer credential sent by e-mail.</summary>
    public static readonly TimeSpan MaximumLinkLifetime = TimeSpan.FromDays(30);

    /// <summary>The current key, base64, at least 32 bytes; new links are signed with it.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Keys retired by a rotation, base64; links they signed keep working until they expire. Drop a key after one link lifetime.</summary>
    public IList<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>How long a newly issued link stays valid.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(48);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SigningKeyText.TryDecode(SigningKey, $"{Section}:{nameof(SigningKey)}", out _, out var problem))
        {
            yield return new ValidationResult(problem, [nameof(SigningKey)]);
        }

        for (var i = 0; i < PreviousSigningKeys.Count; i++)
        {
            if (!SigningKeyText.TryDecode(PreviousSigningKeys[i], $"{Section}:{nameof(PreviousSigningKeys)}:{i}", out _, out problem))
            {
                yield return new ValidationResult(problem, [nameof(PreviousSigningKeys)]);
            }
        }

        if (LinkLifetime <= TimeSpan.Zero || LinkLifetime > MaximumLinkLifetime)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(LinkLifetime)} must be positive and at most {MaximumLinkLifetime.TotalDays:0} days.", [nameof(LinkLifetime)]);
        }
    }
}
