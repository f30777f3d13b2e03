using System.Buffers.Text;
using System.Text;
using DataEngine.Core.Reviews;
using static DataEngine.Core.Tests.Reviews.TestKeys;

namespace DataEngine.Core.Tests.Reviews;

public class ReviewTokenSignerTests
{
    private const string Alice = "alice@example.org";
    private readonly ReviewTokenSigner _signer = new(Current);

    [Theory]
    [InlineData(ReviewAction.Approve, null)]
    [InlineData(ReviewAction.Reject, null)]
    [InlineData(ReviewAction.Skip, null)]
    [InlineData(ReviewAction.Label, "spam / phishing + ünïcode")]
    public void Round_trip_returns_the_issued_claims(ReviewAction action, string? label)
    {
        var claims = Claims(action: action, label: label);

        var check = _signer.Verify(_signer.Issue(claims), Alice, Now);

        Assert.Equal(ReviewTokenStatus.Valid, check.Status);
        Assert.Equal(200, check.HttpStatus);
        Assert.Equal(claims, check.Claims);
    }

    [Fact]
    public void Tokens_are_url_safe()
    {
        // Many issues so that base64's '+' and '/' would surely have appeared in standard encoding.
        for (var i = 0; i < 200; i++)
        {
            var token = _signer.Issue(Claims(action: ReviewAction.Label, label: "??>>~~" + i));
            Assert.DoesNotContain('+', token);
            Assert.DoesNotContain('/', token);
            Assert.DoesNotContain('=', token);
            Assert.Equal(token, Uri.EscapeDataString(token));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_token_is_401(string? token)
    {
        var check = _signer.Verify(token, Alice, Now);

        Assert.Equal(ReviewTokenStatus.Missing, check.Status);
        Assert.Equal(401, check.HttpStatus);
        Assert.Null(check.Claims);
    }

    public static TheoryData<string> MalformedTokens()
    {
        var token = new ReviewTokenSigner(Current).Issue(Claims());
        var parts = token.Split('.');
        return new TheoryData<string>
        {
            "not-a-token",                                   // no dot
            parts[0] + parts[1] + parts[2],                  // dots removed
            parts[0] + "." + parts[1],                       // signature dropped
            token + ".extra",                                // a fourth part
            token[..^5],                                     // truncated inside the signature
            token[..(parts[0].Length + 10)],                 // truncated inside the payload
            parts[0] + ".!!notbase64!!." + parts[2],         // payload not base64url
            parts[0] + "." + parts[1] + ".@@@",              // signature not base64url
            parts[0] + "." + parts[1] + "." + parts[2] + "=",// padding is not our spelling
            parts[0] + "." + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"t\":\"x\"}>>>??")) + "." + parts[2], // standard base64
            "." + parts[1] + "." + parts[2],                 // empty key id
            new string('a', ReviewTokenSigner.MaximumTokenLength + 1),
        };
    }

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public void Malformed_token_is_401(string token)
    {
        var check = _signer.Verify(token, Alice, Now);

        Assert.Equal(ReviewTokenStatus.Malformed, check.Status);
        Assert.Equal(401, check.HttpStatus);
        Assert.Null(check.Claims);
    }

    [Fact]
    public void Altered_payload_is_forged()
    {
        var parts = _signer.Issue(Claims(action: ReviewAction.Reject)).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"Reject\"", "\"Approve\"");
        var altered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        var check = _signer.Verify(altered, Alice, Now);

        Assert.Contains("Approve", payload);
        Assert.Equal(ReviewTokenStatus.Forged, check.Status);
        Assert.Equal(401, check.HttpStatus);
    }

    [Fact]
    public void Altered_expiry_is_forged()
    {
        var parts = _signer.Issue(Claims()).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))
            .Replace(Expiry.ToUnixTimeSeconds().ToString(), Expiry.AddYears(1).ToUnixTimeSeconds().ToString());
        var altered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        Assert.Equal(ReviewTokenStatus.Forged, _signer.Verify(altered, Alice, Expiry.AddDays(1)).Status);
    }

    [Fact]
    public void Altered_signature_is_forged()
    {
        var parts = _signer.Issue(Claims()).Split('.');
        var mac = Base64Url.DecodeFromChars(parts[2]);
        mac[0] ^= 0x01;
        var altered = parts[0] + "." + parts[1] + "." + Base64Url.EncodeToString(mac);

        Assert.Equal(ReviewTokenStatus.Forged, _signer.Verify(altered, Alice, Now).Status);
    }

    [Fact]
    public void Token_signed_with_another_key_is_forged()
    {
        var foreign = new ReviewTokenSigner(Stranger).Issue(Claims());

        Assert.Equal(ReviewTokenStatus.Forged, _signer.Verify(foreign, Alice, Now).Status);
    }

    [Fact]
    public void Another_keys_signature_under_our_key_id_is_forged()
    {
        // The attacker copies our key id in front of their own payload and MAC.
        var ours = _signer.Issue(Claims()).Split('.');
        var theirs = new ReviewTokenSigner(Stranger).Issue(Claims()).Split('.');

        Assert.Equal(ReviewTokenStatus.Forged, _signer.Verify(ours[0] + "." + theirs[1] + "." + theirs[2], Alice, Now).Status);
    }

    [Fact]
    public void Expired_at_the_expiry_instant_and_after_valid_just_before()
    {
        var token = _signer.Issue(Claims());

        Assert.Equal(ReviewTokenStatus.Valid, _signer.Verify(token, Alice, Expiry.AddTicks(-1)).Status);
        var atExpiry = _signer.Verify(token, Alice, Expiry);
        Assert.Equal(ReviewTokenStatus.Expired, atExpiry.Status);
        Assert.Equal(401, atExpiry.HttpStatus);
        Assert.Null(atExpiry.Claims);
        Assert.Equal(ReviewTokenStatus.Expired, _signer.Verify(token, Alice, Expiry.AddDays(3)).Status);
    }

    [Fact]
    public void Expiry_is_truncated_to_the_second_never_extended()
    {
        var claims = Claims() with { ExpiresAt = Expiry.AddMilliseconds(900) };

        var check = _signer.Verify(_signer.Issue(claims), Alice, Now);

        Assert.Equal(Expiry, check.Claims!.ExpiresAt);
    }

    [Theory]
    [InlineData("bob@example.org")]
    [InlineData("Alice@example.org")]
    [InlineData("alice@example.org ")]
    public void Other_reviewer_is_403(string reviewer)
    {
        var check = _signer.Verify(_signer.Issue(Claims()), reviewer, Now);

        Assert.Equal(ReviewTokenStatus.WrongReviewer, check.Status);
        Assert.Equal(403, check.HttpStatus);
        Assert.Null(check.Claims);
        Assert.DoesNotContain(Alice, check.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Token_from_a_previous_key_still_verifies_and_new_tokens_use_the_current_key()
    {
        var oldToken = new ReviewTokenSigner(Previous).Issue(Claims());
        var rotated = new ReviewTokenSigner(Current, [Previous]);

        Assert.Equal(ReviewTokenStatus.Valid, rotated.Verify(oldToken, Alice, Now).Status);
        var newToken = rotated.Issue(Claims());
        Assert.StartsWith(rotated.CurrentKeyId + ".", newToken);
        Assert.Equal(ReviewTokenStatus.Valid, _signer.Verify(newToken, Alice, Now).Status);
        Assert.Equal(ReviewTokenStatus.Forged, new ReviewTokenSigner(Previous).Verify(newToken, Alice, Now).Status);
    }

    [Fact]
    public void Token_from_a_dropped_key_is_forged()
    {
        var oldToken = new ReviewTokenSigner(Previous).Issue(Claims());

        Assert.Equal(ReviewTokenStatus.Forged, _signer.Verify(oldToken, Alice, Now).Status);
    }

    [Fact]
    public void Unknown_key_id_is_forged()
    {
        var parts = _signer.Issue(Claims()).Split('.');
        var otherId = Base64Url.EncodeToString(new byte[] { 1, 2, 3, 4, 5, 6 });

        Assert.NotEqual(parts[0], otherId);
        Assert.Equal(ReviewTokenStatus.Forged, _signer.Verify(otherId + "." + parts[1] + "." + parts[2], Alice, Now).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Short_key_is_rejected_with_a_message(int length)
    {
        var key = Convert.ToBase64String(new byte[length].Select((_, i) => (byte)(i + 1)).ToArray());

        var error = Assert.Throws<ArgumentException>(() => ReviewTokenSigner.FromBase64(key));

        Assert.Contains("at least 32", error.Message);
        if (key.Length > 0)
        {
            Assert.DoesNotContain(key, error.Message);
        }
    }

    [Fact]
    public void Short_raw_or_previous_key_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ReviewTokenSigner(new byte[31]));
        var error = Assert.Throws<ArgumentException>(() => ReviewTokenSigner.FromBase64(Convert.ToBase64String(Current), [Convert.ToBase64String(new byte[20])]));
        Assert.Contains("previous", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Key_that_is_not_base64_is_rejected_without_echoing_it()
    {
        const string secret = "correct-horse-battery-staple-correct-horse!!";

        var error = Assert.Throws<ArgumentException>(() => ReviewTokenSigner.FromBase64(secret));

        Assert.Contains("base64", error.Message);
        Assert.DoesNotContain(secret, error.Message);
    }

    [Fact]
    public void Base64_key_of_32_bytes_signs_like_the_raw_key()
    {
        var fromText = ReviewTokenSigner.FromBase64(Convert.ToBase64String(Current));

        Assert.Equal(ReviewTokenStatus.Valid, _signer.Verify(fromText.Issue(Claims()), Alice, Now).Status);
    }

    [Fact]
    public void Messages_never_echo_the_token_or_the_key()
    {
        var token = _signer.Issue(Claims());
        var parts = token.Split('.');
        var keyText = Convert.ToBase64String(Current);
        var checks = new[]
        {
            _signer.Verify(token, Alice, Now),
            _signer.Verify(null, Alice, Now),
            _signer.Verify(token[..^3], Alice, Now),
            _signer.Verify(parts[0] + "." + parts[1] + "." + Base64Url.EncodeToString(new byte[32]), Alice, Now),
            _signer.Verify(token, Alice, Expiry),
            _signer.Verify(token, "mallory", Now),
        };

        Assert.Equal(6, checks.Select(c => c.Status).Distinct().Count());
        foreach (var check in checks)
        {
            Assert.False(string.IsNullOrWhiteSpace(check.Message));
            foreach (var secret in parts.Append(keyText).Append(Base64Url.EncodeToString(Current)))
            {
                Assert.DoesNotContain(secret, check.Message);
            }
        }
    }

    [Theory]
    [InlineData("", Alice, ReviewAction.Approve, null)]
    [InlineData("task", "", ReviewAction.Approve, null)]
    [InlineData("task", Alice, ReviewAction.Label, null)]
    [InlineData("task", Alice, ReviewAction.Approve, "spam")]
    [InlineData("task", Alice, (ReviewAction)42, null)]
    public void Incomplete_claims_are_not_issued(string taskId, string reviewer, ReviewAction action, string? label)
    {
        Assert.Throws<ArgumentException>(() => _signer.Issue(new ReviewToken(taskId, reviewer, action, label, Expiry, "nonce")));
    }

    [Fact]
    public void Claims_without_a_nonce_are_not_issued()
    {
        Assert.Throws<ArgumentException>(() => _signer.Issue(Claims() with { Nonce = " " }));
    }

    [Fact]
    public void Oversized_claims_are_not_issued()
    {
        Assert.Throws<ArgumentException>(() => _signer.Issue(Claims() with { TaskId = new string('t', ReviewTokenSigner.MaximumTokenLength) }));
    }

    [Fact]
    public void New_nonces_differ()
    {
        Assert.Equal(1000, Enumerable.Range(0, 1000).Select(_ => ReviewToken.NewNonce()).Distinct().Count());
    }
}
