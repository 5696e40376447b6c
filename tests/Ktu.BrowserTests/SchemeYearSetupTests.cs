using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// The directorate prepares next year from the pages, as a new user would: copy a year, change its rules, give the embeter their
/// pots from a proposal by population, publish; then a leader in Trøndelag sets the embete's own report deadline.
/// </summary>
public sealed class SchemeYearSetupTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    private ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name, Exact = true });

    private ILocator Group(string name) => Page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = name, Exact = true });

    [Fact]
    public async Task The_directorate_prepares_and_publishes_next_year_and_a_leader_sets_the_embetes_own_deadline()
    {
        await LogInAsync("direktorat@demo.ktu");
        await Page.GotoAsync("/ordningsar");
        await Link("Lag neste år ved å kopiere").ClickAsync();
        await Page.GetByLabel("Nytt år").FillAsync("2029");
        await Page.GetByLabel("Søknadsfrist (dato)").FillAsync("2029-03-15");
        await Page.GetByLabel("Rapporteringsfrist (dato)").FillAsync("2030-03-01");
        await Button("Opprett ordningsår").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ordningsar/2029");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ordningsåret er opprettet.");
        await Expect(Page.Locator("#ktu-scheme-status")).ToHaveTextAsync("Under arbeid (ikke publisert)");

        // The rules: three projects at most, and a new earmarkable theme.
        await Link("Endre reglene").ClickAsync();
        await Expect(Heading(Page, "Regler for ordningsåret 2029")).ToBeVisibleAsync();
        await Page.GetByLabel("Maks antall tjenesteutviklingstiltak").FillAsync("3");
        var themes = Group("Temaer for tjenesteutvikling");
        var blank = themes.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { Has = Page.Locator("input[value='']") }).First;
        await blank.GetByRole(AriaRole.Textbox).Nth(0).FillAsync("demens");
        await blank.GetByRole(AriaRole.Textbox).Nth(1).FillAsync("Demensomsorg i hjemmet");
        await blank.GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await CheckPageAsync(Page, "scheme-year-edit");
        await Button("Lagre").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ordningsar/2029");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Endringene er lagret.");
        await Expect(Page.GetByText("Demensomsorg i hjemmet (kan øremerkes)")).ToBeVisibleAsync();

        // Pots: too much first, then the proposal by population.
        await Link("Sett rammer").ClickAsync();
        await Page.GetByLabel("Nasjonal ramme (kroner)").FillAsync("100000000");
        await Page.GetByLabel("Ramme for Statsforvalteren i Trøndelag").FillAsync("100000001");
        await Button("Lagre rammene").ClickAsync();
        await Expect(Page.Locator("#error-summary")).ToContainTextAsync("men den nasjonale rammen er kr 100 000 000");
        await Button("Foreslå fordeling etter folketall").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Forslaget etter folketall er fylt inn.");
        await Page.GetByLabel("Overført fra tidligere år for Statsforvalteren i Trøndelag").FillAsync("1000000");
        await CheckPageAsync(Page, "scheme-year-pots");
        await Button("Lagre rammene").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ordningsar/2029");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rammene er lagret.");
        await Expect(Page.Locator("#ktu-national-amount")).ToHaveTextAsync("kr 100 000 000");
        var trondelag = Page.Locator("#ktu-pots tr[data-embete='trondelag']");
        await Expect(trondelag).ToContainTextAsync("kr 1 000 000");

        await Button("Publiser ordningsåret").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ordningsåret er publisert.");
        await Expect(Page.Locator("#ktu-scheme-status")).ToContainTextAsync("Publisert");
        await Expect(Page.Locator("#ktu-scheme-history")).ToContainTextAsync("Rammer satt");
        await CheckPageAsync(Page, "scheme-year-published");

        var leader = await LogInInNewContextAsync("leder.trondelag@demo.ktu");
        await leader.GotoAsync("/ordningsar/2029");
        await leader.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Sett embetets egne frister", Exact = true }).ClickAsync();
        await leader.GetByLabel("Rapporteringsfrist").FillAsync("2030-02-15");
        await CheckPageAsync(leader, "scheme-year-deadlines");
        await leader.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Lagre fristene", Exact = true }).ClickAsync();
        await leader.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ordningsar/2029");
        await Expect(leader.Locator("#ktu-pots tr[data-embete='trondelag']")).ToContainTextAsync("Rapport: 15. februar 2030");
        await Expect(leader.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Endre reglene", Exact = true })).ToHaveCountAsync(0);
        await leader.Context.CloseAsync();
    }
}
