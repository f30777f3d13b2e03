using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static DataEngine.Workflows.Tests.Reviews.Notifications.NotificationFixtures;

namespace DataEngine.Workflows.Tests.Reviews.Notifications;

public sealed class ReviewNotificationsRegistrationTests
{
    [Fact]
    public async Task A_webhook_url_selects_the_webhook_notifier_and_links_use_the_configured_base()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["DataEngine:Reviews:WebhookUrl"] = "https://hooks.example.com/services/x",
            ["DataEngine:Reviews:PublicBaseUrl"] = "https://myapp.azurewebsites.net",
            ["DataEngine:Reviews:PagePath"] = "/api/review-page",
        });
        services.GetRequiredService<IStartupValidator>().Validate();
        var task = Task();

        var notice = services.GetRequiredService<ReviewLinks>().NoticeFor(task, Assignment(task));

        Assert.IsType<WebhookReviewNotifier>(services.GetRequiredService<IReviewNotifier>());
        Assert.Equal("https://myapp.azurewebsites.net/api/review-page?reviewer=alice", notice.PageUrl);
        Assert.True(services.GetRequiredService<ReviewTokenSigner>().Verify(Query(notice.Links[0].Url).Token, "alice", Now).IsValid);
    }

    [Theory]
    [InlineData("DataEngine:Reviews:PublicBaseUrl", "myapp.azurewebsites.net", "PublicBaseUrl")]
    [InlineData("DataEngine:Reviews:PublicBaseUrl", "ftp://myapp.example.com", "PublicBaseUrl")]
    [InlineData("DataEngine:Reviews:PagePath", "review", "PagePath")]
    [InlineData("DataEngine:Reviews:WebhookUrl", "not a url s3cr3t", "WebhookUrl")]
    [InlineData("DataEngine:Reviews:SigningKey", "", "SigningKey")]
    public async Task Bad_settings_fail_at_start_naming_the_setting(string key, string value, string setting)
    {
        await using var services = Services(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }
}
