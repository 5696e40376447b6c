using System.Net;
using System.Text.RegularExpressions;
using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// Issue 19's "done when", through the pages only, as a new user would: the administrator registers a university college,
/// invites its adviser, the adviser opens the link from the demo outbox, chooses a password, logs in, and makes and submits
/// the college's application. Once the embete has decided it, the administrator registers the college's own system as an API
/// client on the page, and that system reads the decision through the API with its own token. Axe checks every page on the way.
/// </summary>
public sealed class NewUniversityCollegeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Embete = "vestland";
    private const int Year = 2027;
    private const string College = "Høgskolen i Delegasjon";
    private const string Adviser = "radgiver.hogskolen@example.org";
    private const string Password = "Ny-Radgiver-2026!";

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    private static ILocator Link(IPage page, string name) => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name, Exact = true });

    [Fact]
    public async Task A_new_university_college_is_registered_its_adviser_invited_its_application_made_and_its_system_reads_the_decision()
    {
        await LogInAsync("admin@demo.ktu");
        await Link(Page, "Organisasjoner").ClickAsync();
        await Link(Page, "Registrer en ny organisasjon").ClickAsync();
        await Page.GetByLabel("Organisasjonsnummer").FillAsync("990 000 093");
        await Page.GetByLabel("Navn").FillAsync(College);
        await Page.GetByLabel("Universitet eller høyskole").CheckAsync();
        await Page.GetByLabel("Embete som behandler søknadene").SelectOptionAsync(Embete);
        await Button(Page, "Registrer").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Organisasjonen er registrert.");

        await Link(Page, "Brukere").ClickAsync();
        await Link(Page, "Inviter en bruker").ClickAsync();
        await Page.GetByLabel("E-postadresse").FillAsync(Adviser);
        await Page.GetByLabel("Rolle").SelectOptionAsync("applicant");
        await Page.GetByLabel("Organisasjon (for søkere)").SelectOptionAsync(new SelectOptionValue { Label = College });
        await CheckPageAsync(Page, "college-invite");
        await Button(Page, "Send invitasjon").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitasjonen er sendt til {Adviser}.");

        await Page.GotoAsync("/utboks");
        await Page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = Adviser }).GetByRole(AriaRole.Link).First.ClickAsync();
        var body = await Page.GetByTestId("outbox-body").InnerTextAsync();
        var link = body.Split('\n').Select(l => l.Trim()).First(l => l.Contains("/konto/sett-passord?token=", StringComparison.Ordinal));

        var adviser = await Fixture.NewPageAsync();
        await adviser.GotoAsync(new Uri(link).PathAndQuery);
        await adviser.GetByLabel("Nytt passord").FillAsync(Password);
        await adviser.GetByLabel("Gjenta passordet").FillAsync(Password);
        await Button(adviser, "Lagre passord").ClickAsync();
        await Expect(adviser.GetByTestId("password-set")).ToContainTextAsync("Passordet er lagret.");
        await adviser.GotoAsync("/logg-inn");
        await adviser.GetByLabel("E-post", new PageGetByLabelOptions { Exact = true }).FillAsync(Adviser);
        await adviser.GetByLabel("Passord", new PageGetByLabelOptions { Exact = true }).FillAsync(Password);
        await Button(adviser, "Logg inn").ClickAsync();
        await adviser.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await CheckPageAsync(adviser, "college-start");

        await Button(adviser, "Start søknad for 2027").ClickAsync();
        await Expect(Heading(adviser, "Om søkeren")).ToBeVisibleAsync();
        await adviser.GetByLabel("Kontonummer", new PageGetByLabelOptions { Exact = true }).FillAsync("12345678903");
        await adviser.GetByLabel("Navn", new PageGetByLabelOptions { Exact = true }).FillAsync("Rådgiver ved høgskolen");
        await adviser.GetByLabel("E-post", new PageGetByLabelOptions { Exact = true }).FillAsync(Adviser);
        await adviser.GetByLabel("Telefon", new PageGetByLabelOptions { Exact = true }).FillAsync("400 00 000");
        var plan = adviser.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "Har organisasjonen en vedtatt kompetanseplan?" });
        if (await plan.CountAsync() > 0)
        {
            await plan.GetByLabel("Ja", new LocatorGetByLabelOptions { Exact = true }).CheckAsync();
        }
        await adviser.GetByLabel("Kort beskrivelse av søknaden", new PageGetByLabelOptions { Exact = true }).FillAsync("Videreutdanning i helsefag for kommunene i regionen.");
        await CheckPageAsync(adviser, "college-application-1");
        await Button(adviser, "Lagre og gå videre").ClickAsync();

        await Expect(Heading(adviser, "Kompetansetiltak")).ToBeVisibleAsync();
        await adviser.GetByLabel("Utdanningstype", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("videreutdanning");
        await adviser.GetByLabel("Beløp (kr)", new PageGetByLabelOptions { Exact = true }).FillAsync("60000");
        await adviser.GetByLabel("Antall personer", new PageGetByLabelOptions { Exact = true }).FillAsync("2");
        await adviser.GetByLabel("Av dem: antall som fortsetter", new PageGetByLabelOptions { Exact = true }).FillAsync("0");
        await adviser.GetByLabel("Beskrivelse", new PageGetByLabelOptions { Exact = true }).FillAsync("kr 60 000 til 2 ansatte, videreutdanning i helsefag");
        await CheckPageAsync(adviser, "college-application-2");
        await Button(adviser, "Lagre og gå videre").ClickAsync();

        await Expect(Heading(adviser, "Oppsummering og innsending")).ToBeVisibleAsync();
        await Expect(adviser.GetByText("Ingen feil. Søknaden kan sendes inn.")).ToBeVisibleAsync();
        await CheckPageAsync(adviser, "college-application-summary");
        await Button(adviser, "Send inn søknaden").ClickAsync();
        await Expect(Heading(adviser, "Kvittering for innsendt søknad")).ToBeVisibleAsync();
        await Expect(adviser.GetByText(College).First).ToBeVisibleAsync();
        await CheckPageAsync(adviser, "college-application-receipt");
        var applicationId = Regex.Match(adviser.Url, "/soknad/([0-9a-f-]{36})/kvittering/").Groups[1].Value;

        // Statsforvalteren i Vestland assesses the case and its leader approves the allocation: the college has a decision, which
        // its adviser sees on the decision page.
        await DemoApi.AssessAndApproveAsync(Fixture, Embete, Year, [applicationId]);
        var decisionPage = await adviser.GotoAsync($"/soknad/{applicationId}/vedtak");
        Assert.Equal(200, decisionPage!.Status);
        await Expect(adviser.GetByTestId("outcome")).ToBeVisibleAsync();
        await Expect(adviser.GetByTestId("granted")).ToContainTextAsync("kr");
        await CheckPageAsync(adviser, "college-decision");
        await adviser.Context.CloseAsync();

        // The administrator registers the college's own system as an API client, on the page; the secret is shown once.
        await Link(Page, "API-klienter").ClickAsync();
        await Page.GetByLabel("Navn på systemet").FillAsync("Høgskolens arkivsystem");
        await Page.GetByLabel("Organisasjon", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = College });
        await Page.GetByLabel("decisions.read", new PageGetByLabelOptions { Exact = true }).CheckAsync();
        await CheckPageAsync(Page, "college-api-client-form");
        await Button(Page, "Registrer klient").ClickAsync();
        await Expect(Page.GetByTestId("api-client-secret")).ToContainTextAsync("Høgskolens arkivsystem er registrert");
        await CheckPageAsync(Page, "college-api-client-registered");
        var clientId = (await Page.GetByTestId("client-id").InnerTextAsync()).Trim();
        var secret = (await Page.GetByTestId("client-secret").InnerTextAsync()).Trim();

        // The college's system gets a token by client credentials and reads its decision, and nothing its scope does not cover.
        using var system = await DemoApi.LogInAsSystemAsync(Fixture.BaseAddress, clientId, secret);
        var decision = await DemoApi.ReadAsync(await system.GetAsync($"/api/v1/applications/{applicationId}/decision"));
        Assert.Equal(College, decision["applicant"]!.GetValue<string>());
        Assert.Equal("990000093", decision["orgNumber"]!.GetValue<string>());
        Assert.Equal(Year, decision["schemeYear"]!.GetValue<int>());
        Assert.True(decision["totalGranted"]!.GetValue<long>() > 0, decision.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, (await system.GetAsync($"/api/v1/applications/{applicationId}")).StatusCode);
    }
}
