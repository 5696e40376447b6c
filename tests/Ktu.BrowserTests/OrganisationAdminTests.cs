using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// The administrator registers a university college from the pages, as a new user would: a wrong org number first,
/// then the right one; changes its embete, deactivates it and reads its history. Axe checks every page.
/// </summary>
public sealed class OrganisationAdminTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    private ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name, Exact = true });

    [Fact]
    public async Task The_admin_registers_changes_and_deactivates_a_university_college()
    {
        await LogInAsync("admin@demo.ktu");
        await Link("Organisasjoner").ClickAsync();
        await Expect(Heading(Page, "Organisasjoner")).ToBeVisibleAsync();
        await CheckPageAsync(Page, "admin-organisations");
        await Link("Registrer en ny organisasjon").ClickAsync();

        await Page.GetByLabel("Organisasjonsnummer").FillAsync("990 000 017");
        await Page.GetByLabel("Navn").FillAsync("Nettleserhøgskolen");
        await Page.GetByLabel("Universitet eller høyskole").CheckAsync();
        await Page.GetByLabel("Embete som behandler søknadene").SelectOptionAsync("trondelag");
        await Button("Registrer").ClickAsync();
        await Expect(Page.Locator("#error-summary")).ToContainTextAsync("Organisasjonsnummeret er ikke gyldig.");
        await CheckPageAsync(Page, "admin-organisation-register-errors");

        await Page.GetByLabel("Organisasjonsnummer").FillAsync("990 000 085");
        await Button("Registrer").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Organisasjonen er registrert.");
        await Expect(Heading(Page, "Nettleserhøgskolen")).ToBeVisibleAsync();

        await Page.GetByLabel("Embete som behandler søknadene").SelectOptionAsync("nordland");
        await Button("Lagre endringer").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Endringene er lagret.");
        await Button("Deaktiver organisasjonen").ClickAsync();
        await Expect(Page.GetByTestId("deactivated")).ToContainTextAsync("Den kan ikke starte nye søknader.");
        var history = Page.GetByTestId("history");
        await Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await Expect(history).ToContainTextAsync("Embete som behandler søknadene: trondelag");
        await Expect(history).ToContainTextAsync("Embete som behandler søknadene: nordland");
        await CheckPageAsync(Page, "admin-organisation");

        await Link("Tilbake til organisasjonene").ClickAsync();
        await Expect(Page.GetByTestId("organisations")).ToContainTextAsync("Nettleserhøgskolen");
        await Expect(Page.GetByTestId("organisations")).ToContainTextAsync("Deaktivert");
    }
}
