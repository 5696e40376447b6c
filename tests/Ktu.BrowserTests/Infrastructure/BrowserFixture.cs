using Microsoft.Playwright;

namespace Ktu.BrowserTests.Infrastructure;

/// <summary>
/// One app host and one Chromium for the whole collection; each test gets its own browser context
/// (fresh cookies) from <see cref="NewPageAsync"/>. Uses Debian's Chromium (KTU_CHROMIUM, default
/// /usr/bin/chromium): Playwright cannot download its own browsers here, and a missing browser must
/// fail the run rather than skip it.
/// </summary>
#pragma warning disable CA1001 // xUnit disposes collection fixtures through IAsyncLifetime.DisposeAsync.
public class BrowserFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>The demo account the warm-up logs in as: it only reads.</summary>
    private const string WarmUpAccount = "saksbehandler.trondelag@demo.ktu";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", // the tests run as root, where Chromium's sandbox cannot start
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private KtuBrowserHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// Sets the embete's own application deadline for the year to a minute ago on the host's clock, so its allocation
    /// may be approved (issue 16: no approval before the deadline). Set in the database: the leader's page refuses a
    /// deadline in the past. Each browser test uses its own embete, so no other test's applications are shut out.
    /// </summary>
    public Task PassApplicationDeadlineAsync(string embeteId, int year) =>
        Ktu.TestSupport.ApplicationDeadline.PassAsync(_host!.Services, embeteId, year, _host.Time.GetUtcNow());

    /// <summary>Where screenshots go: a folder next to the test assembly (bin/.../screenshots).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("KTU_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{chromium}'. The browser tests need Debian's Chromium: run ./test.sh " +
                "(it installs it) or 'apt-get install -y chromium fonts-dejavu-core', or set KTU_CHROMIUM to a Chromium executable.");
        }
        UseSystemNodeIfDriverNodeIsMissing();

        _host = await CreateHostAsync();
        BaseAddress = _host.StartAndGetAddress();
        await StartedAsync(BaseAddress);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        // Assertions wait as long as actions do: a loaded CI runner has needed more than Playwright's 5 s.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(10_000);
        await WarmUpAsync();
    }

    /// <summary>The app host the collection's tests use: the demo data, the fixed clock and the test settings.</summary>
    private protected virtual Task<KtuBrowserHost> CreateHostAsync() => Task.FromResult(new KtuBrowserHost());

    /// <summary>Called once the host listens, with its address, before the browser starts.</summary>
    protected virtual Task StartedAsync(Uri address) => Task.CompletedTask;

    /// <summary>
    /// Logs in once before the first test and opens the start page, so the first test does not pay for the
    /// app's cold start (JIT, Razor views, EF's first queries) on a shared runner: in CI that once took a
    /// first log-in past the 30 s navigation timeout. Fails the run, with the reason, if the app cannot log in.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var page = await NewPageAsync();
        try
        {
            var generous = new PageGotoOptions { Timeout = 120_000 };
            await page.GotoAsync("/logg-inn", generous);
            await page.GetByLabel("E-post", new PageGetByLabelOptions { Exact = true }).FillAsync(WarmUpAccount);
            await page.GetByLabel("Passord", new PageGetByLabelOptions { Exact = true }).FillAsync(BrowserTest.DemoPassword);
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg inn", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new PageWaitForURLOptions { Timeout = 120_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A page in a new browser context: no cookies from earlier tests.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "nb-NO",
            IgnoreHTTPSErrors = true, // the host's certificate is self-signed
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        // A log-in hashes the password and the next page loads the start page's data: on a loaded 2-core
        // machine (the CI runner shares its cores) that has taken over 10 s, so navigations get more room.
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>
    /// Microsoft.Playwright runs its driver with the Node.js it ships in .playwright/node. Should that
    /// binary be missing (trimmed output, another platform), fall back to the system's node.
    /// </summary>
    private static void UseSystemNodeIfDriverNodeIsMissing()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH")))
        {
            return;
        }
        var bundled = Path.Combine(AppContext.BaseDirectory, ".playwright", "node", "linux-x64", "node");
        if (OperatingSystem.IsLinux() && !File.Exists(bundled) && File.Exists("/usr/bin/node"))
        {
            Environment.SetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestsDefinition : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
