using System.ComponentModel.DataAnnotations;
using DataEngine.Core.Reviews;
using static DataEngine.Core.Tests.Reviews.TestKeys;

namespace DataEngine.Core.Tests.Reviews;

public class ReviewTokenOptionsTests
{
    private static List<ValidationResult> Validate(ReviewTokenOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_to_a_48_hour_link_and_needs_a_key()
    {
        var options = new ReviewTokenOptions();

        Assert.Equal(TimeSpan.FromHours(48), options.LinkLifetime);
        var error = Assert.Single(Validate(options));
        Assert.Contains("DataEngine:Reviews:SigningKey", error.ErrorMessage);
    }

    [Fact]
    public void A_32_byte_key_with_a_previous_key_is_valid_and_builds_a_rotating_signer()
    {
        var options = new ReviewTokenOptions
        {
            SigningKey = Convert.ToBase64String(Current),
            PreviousSigningKeys = [Convert.ToBase64String(Previous)],
        };

        Assert.Empty(Validate(options));
        var signer = ReviewTokenSigner.FromOptions(options);
        var old = new ReviewTokenSigner(Previous).Issue(Claims());
        Assert.Equal(ReviewTokenStatus.Valid, signer.Verify(old, "alice@example.org", Now).Status);
    }

    [Fact]
    public void Short_or_garbled_keys_and_bad_lifetimes_are_reported_without_the_key()
    {
        var shortKey = Convert.ToBase64String(new byte[16]);
        var options = new ReviewTokenOptions
        {
            SigningKey = shortKey,
            PreviousSigningKeys = ["%%%not base64%%%"],
            LinkLifetime = TimeSpan.FromDays(365),
        };

        var errors = Validate(options).Select(e => e.ErrorMessage!).ToList();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("SigningKey is 16 bytes; at least 32"));
        Assert.Contains(errors, e => e.Contains("PreviousSigningKeys:0 is not valid base64"));
        Assert.Contains(errors, e => e.Contains("LinkLifetime"));
        Assert.All(errors, e => Assert.DoesNotContain(shortKey, e));
        Assert.All(errors, e => Assert.DoesNotContain("%%%not base64%%%", e));
    }
}
