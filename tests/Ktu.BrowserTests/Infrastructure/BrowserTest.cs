using Microsoft.Playwright;

namespace Ktu.BrowserTests.Infrastructure;

/// <summary>Base for browser tests: a fresh page (own cookies) per test, and the steps most tests share.</summary>
[Collection(BrowserTestsDefinition.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    public const string DemoPassword = "Demo-2025!";

    protected IPage Page { get; private set; } = null!;

    protected BrowserFixture Fixture { get; } = fixture;

    public async Task InitializeAsync() => Page = await Fixture.NewPageAsync();

    public async Task DisposeAsync() => await Page.Context.CloseAsync();

    protected static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = name, Exact = true, Level = 1 });

    /// <summary>Fills the log-in form by its labels, as a user would, and submits it.</summary>
    protected async Task SubmitLoginAsync(string email, string password)
    {
        await Page.GetByLabel("E-post", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Passord", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg inn", Exact = true }).ClickAsync();
    }

    /// <summary>Logs in from the log-in page and waits for the start page.</summary>
    protected async Task LogInAsync(string email, string password = DemoPassword)
    {
        await Page.GotoAsync("/logg-inn");
        await SubmitLoginAsync(email, password);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>Logs in as <paramref name="email"/> in a browser context of its own (another person at another desk).</summary>
    protected async Task<IPage> LogInInNewContextAsync(string email)
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/logg-inn");
        await page.GetByLabel("E-post", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
        await page.GetByLabel("Passord", new PageGetByLabelOptions { Exact = true }).FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg inn", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        return page;
    }

    /// <summary>A full-page screenshot for the record, then axe on the page as it is now.</summary>
    protected static async Task CheckPageAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
        await page.AssertNoSeriousViolationsAsync();
    }

    protected Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    protected string PathOf(string url) => new Uri(url).PathAndQuery;
}
