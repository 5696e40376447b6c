using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

public sealed class ApiDocsPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Api_reference_loads_under_the_apps_own_policy_with_no_console_errors_and_no_axe_violations()
    {
        var errors = new List<string>();
        var outside = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        Page.PageError += (_, error) => errors.Add(error);
        Page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" && uri.Authority != Fixture.BaseAddress.Authority)
            {
                outside.Add(request.Url);
            }
        };

        var response = await Page.GotoAsync("/scalar");

        Assert.Equal(200, response!.Status);
        Assert.DoesNotContain("http", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "nb");
        await Expect(Page.GetByText("KTU API").First).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ScreenshotAsync("api-reference");

        Assert.True(errors.Count == 0, "Console errors on /scalar:\n" + string.Join('\n', errors));
        Assert.True(outside.Count == 0, "Requests to other hosts from /scalar:\n" + string.Join('\n', outside));
        await Page.AssertNoSeriousViolationsAsync();
    }
}
