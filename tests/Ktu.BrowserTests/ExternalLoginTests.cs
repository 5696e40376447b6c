using System.Security.Cryptography;
using Ktu.BrowserTests.Infrastructure;
using Ktu.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// The app with ID-porten and Ansattporten turned on, both pointing at a local OpenID Connect provider (<see cref="TestOpenIdProvider"/>)
/// that sends the browser back to this host's address. Its own host: the external log-in needs the real clock (see
/// <see cref="KtuBrowserHost"/>), and the other browser tests should not see the providers' buttons.
/// </summary>
public sealed class ExternalLoginBrowserFixture : BrowserFixture
{
    public TestOpenIdProvider Provider { get; private set; } = null!;

    private protected override async Task<KtuBrowserHost> CreateHostAsync()
    {
        Provider = await TestOpenIdProvider.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Authentication:IdentityNumberKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (section, client) in new[] { ("IdPorten", "ktu-idporten"), ("Ansattporten", "ktu-ansattporten") })
        {
            settings[$"Authentication:{section}:Authority"] = Provider.Authority.ToString();
            settings[$"Authentication:{section}:ClientId"] = client;
            settings[$"Authentication:{section}:ClientSecret"] = TestOpenIdProvider.Secret;
            settings[$"Authentication:{section}:RequireHttpsMetadata"] = "false";
        }
        return new KtuBrowserHost(settings, TimeProvider.System);
    }

    protected override Task StartedAsync(Uri address)
    {
        // The provider sends the browser back only to the callbacks registered for KTU's address, as ID-porten does.
        Provider.AppOrigin = address;
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ExternalLoginBrowserTestsDefinition : ICollectionFixture<ExternalLoginBrowserFixture>
{
    public const string Name = "External log-in in the browser";
}

/// <summary>
/// Issue 19, external log-in as a person does it: the button on KTU's log-in page, the provider's own page, and back to KTU signed
/// in; and logging out through the provider. In a real browser, so the page's security policy (form-action) and the cookies of
/// the round trip (correlation, nonce; Secure, SameSite) are held to what browsers enforce, which the HTTP tests cannot see.
/// </summary>
[Collection(ExternalLoginBrowserTestsDefinition.Name)]
public sealed class ExternalLoginTests(ExternalLoginBrowserFixture fixture) : BrowserTest(fixture)
{
    private readonly TestOpenIdProvider _provider = fixture.Provider;

    [Fact]
    public async Task An_applicant_logs_in_with_ID_porten_lands_on_the_start_page_and_logs_out_there_too()
    {
        _provider.Add("soker-trondheim", new TestPerson("99000000404", "soker.5001@demo.ktu"));

        await Page.GotoAsync("/logg-inn");
        var button = Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg inn med ID-porten", Exact = true });
        await Expect(button).ToBeVisibleAsync();
        await CheckPageAsync(Page, "external-login-buttons");

        await button.ClickAsync();
        await LogInAtTheProviderAsync("soker-trondheim");

        await Page.WaitForURLAsync(url => IsOnKtu(url, "/"));
        await Expect(Heading(Page, "Trondheim kommune")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Banner).GetByTestId("organisation")).ToContainTextAsync("Trondheim kommune");
        await CheckPageAsync(Page, "external-login-applicant-start");

        // The session holds: a new request is still signed in.
        await Page.ReloadAsync();
        await Expect(Heading(Page, "Trondheim kommune")).ToBeVisibleAsync();

        // Logging out ends the session at the provider as well (else the next click on the button signs the next person at this
        // computer straight back in), and the browser comes back to KTU's log-in page.
        var before = _provider.EndedSessions.Count;
        await Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Logg ut" }).ClickAsync();
        await Page.WaitForURLAsync(url => IsOnKtu(url, "/logg-inn"));
        var ended = Assert.Single(_provider.EndedSessions.Skip(before));
        Assert.Equal("sub-99000000404", ended.Subject);
        Assert.Equal(new Uri(Fixture.BaseAddress, "/signout-callback-idporten").ToString(), ended.PostLogoutRedirectUri);

        await Page.GotoAsync("/");
        Assert.Equal("/logg-inn", new Uri(Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_case_officer_who_asked_for_the_inbox_logs_in_with_Ansattporten_and_lands_in_the_inbox()
    {
        _provider.Add("saksbehandler-vestland", new TestPerson("99000000505", "saksbehandler.vestland@demo.ktu", Acr: "high"));

        await Page.GotoAsync("/saksbehandling");
        Assert.Equal("/logg-inn", new Uri(Page.Url).AbsolutePath);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg inn med Ansattporten", Exact = true }).ClickAsync();
        await LogInAtTheProviderAsync("saksbehandler-vestland");

        await Page.WaitForURLAsync(url => IsOnKtu(url, "/saksbehandling"));
        await Expect(Page.GetByRole(AriaRole.Banner)).ToContainTextAsync("saksbehandler.vestland@demo.ktu");
        await Expect(Page.GetByRole(AriaRole.Banner).GetByTestId("embete")).ToContainTextAsync("Vestland");
        await Expect(Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Innboks");
        await CheckPageAsync(Page, "external-login-case-officer-inbox");
    }

    [Fact]
    public async Task A_person_KTU_does_not_know_gets_a_message_on_KTUs_page_and_no_session()
    {
        _provider.Add("ukjent", new TestPerson("99000000606", "ukjent.person@eksempel.test"));

        await Page.GotoAsync("/logg-inn");
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg inn med ID-porten", Exact = true }).ClickAsync();
        await LogInAtTheProviderAsync("ukjent");

        await Page.WaitForURLAsync(url => IsOnKtu(url, "/logg-inn/ekstern/idporten"));
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Du er logget inn hos ID-porten, men vi fant ingen bruker i KTU for deg.");
        await CheckPageAsync(Page, "external-login-unknown-person");

        await Page.GotoAsync("/");
        Assert.Equal("/logg-inn", new Uri(Page.Url).AbsolutePath);
    }

    /// <summary>On the provider's own page (another origin than KTU's): types the test person and logs in.</summary>
    private async Task LogInAtTheProviderAsync(string person)
    {
        var provider = _provider.Authority.GetLeftPart(UriPartial.Authority);
        await Page.WaitForURLAsync(url => url.StartsWith(provider + "/authorize", StringComparison.Ordinal));
        await Expect(Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Testinnlogging" })).ToBeVisibleAsync();
        await Page.GetByLabel("Testperson").FillAsync(person);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg inn", Exact = true }).ClickAsync();
    }

    private bool IsOnKtu(string url, string path) =>
        url.StartsWith(Fixture.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && new Uri(url).AbsolutePath == path;
}
