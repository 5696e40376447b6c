using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

public sealed class LoginTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string FailedMessage =
        "Innloggingen mislyktes. Kontroller e-post og passord. Etter flere mislykkede forsøk blir kontoen sperret i 15 minutter.";

    [Fact]
    public async Task Applicant_logs_in_and_sees_Trondheims_start_page()
    {
        await Page.GotoAsync("/");

        Assert.Equal("/logg-inn?ReturnUrl=%2F", PathOf(Page.Url));
        await Expect(Heading(Page, "Logg inn")).ToBeVisibleAsync();
        await Expect(Page.Locator(".ds-validation-message:visible")).ToHaveCountAsync(0); // no error marks before any error
        await ScreenshotAsync("login");
        await Page.AssertNoSeriousViolationsAsync();

        await SubmitLoginAsync("soker.5001@demo.ktu", DemoPassword);

        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(Heading(Page, "Trondheim kommune")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Banner).GetByTestId("organisation")).ToContainTextAsync("Trondheim kommune");
        await ScreenshotAsync("start-applicant");
        await Page.AssertNoSeriousViolationsAsync();

        // The session cookie (Secure) sticks: a new request is still signed in.
        await Page.ReloadAsync();
        Assert.Equal("/", PathOf(Page.Url));
        await Expect(Heading(Page, "Trondheim kommune")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_summary_at_the_top_that_links_to_the_field()
    {
        await Page.GotoAsync("/logg-inn");
        await SubmitLoginAsync("soker.5001@demo.ktu", "Feil-passord-123");

        var summary = Page.Locator(".ds-error-summary");
        await Expect(summary).ToBeVisibleAsync();
        var link = summary.GetByRole(AriaRole.Link);
        await Expect(link).ToHaveTextAsync(FailedMessage);
        await Expect(link).ToHaveAttributeAsync("href", "#Email");
        await Expect(Page.Locator("#Email")).ToHaveAccessibleNameAsync("E-post");

        // "At the top": the summary comes before the form.
        var summaryBox = await summary.BoundingBoxAsync();
        var formBox = await Page.Locator("main form").BoundingBoxAsync();
        Assert.True(summaryBox!.Y < formBox!.Y, "The error summary should be above the form.");

        await ScreenshotAsync("login-error");
        await link.ClickAsync();
        Assert.EndsWith("#Email", Page.Url, StringComparison.Ordinal);

        await Page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Unknown_account_gets_the_same_message_as_a_wrong_password()
    {
        await Page.GotoAsync("/logg-inn");
        await SubmitLoginAsync("finnes.ikke@demo.ktu", "Feil-passord-123");

        var summary = Page.Locator(".ds-error-summary");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(FailedMessage);
        await Expect(Page.GetByText(FailedMessage)).ToHaveCountAsync(2); // summary link and inline message, nothing more
    }

    [Fact]
    public async Task Logging_out_returns_to_the_login_page_and_the_start_page_then_asks_for_login_again()
    {
        await LogInAsync("soker.5001@demo.ktu");

        await Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Logg ut" }).ClickAsync();

        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/logg-inn");
        await Expect(Heading(Page, "Logg inn")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Logg ut" })).ToHaveCountAsync(0);

        await Page.GotoAsync("/");
        Assert.Equal("/logg-inn?ReturnUrl=%2F", PathOf(Page.Url));
    }

    [Fact]
    public async Task A_form_sent_without_its_antiforgery_token_gets_a_readable_error_page()
    {
        // As when the log-in page stood open across a browser restart: the antiforgery cookie is gone.
        await Page.GotoAsync("/logg-inn");
        await Page.Context.ClearCookiesAsync();

        await SubmitLoginAsync("soker.5001@demo.ktu", DemoPassword);

        await Expect(Heading(Page, "Forespørselen kunne ikke utføres")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Gå til forsiden" })).ToBeVisibleAsync();
    }
}
