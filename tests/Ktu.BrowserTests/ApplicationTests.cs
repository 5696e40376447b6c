using System.Text.RegularExpressions;
using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

public sealed partial class ApplicationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private ILocator Field(string label) => Page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });

    private Task ClickAsync(string button) =>
        Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }).ClickAsync();

    /// <summary>Every page the applicant sees gets a screenshot and an axe check.</summary>
    private async Task CheckPageAsync(string name)
    {
        await ScreenshotAsync(name);
        await Page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Applicant_fills_in_a_full_application_and_submits_it()
    {
        await LogInAsync("soker.5001@demo.ktu");
        await ClickAsync("Start søknad for 2027");

        // Part 1: applicant information.
        await Expect(Heading(Page, "Om søkeren")).ToBeVisibleAsync();
        await Expect(Page.Locator(".ds-error-summary")).ToHaveCountAsync(0); // no red marks before anything is typed
        await CheckPageAsync("application-1-applicant");
        await Field("Kontonummer").FillAsync("12345678903");
        await Field("Navn").FillAsync("Kari Kontakt");
        await Field("E-post").FillAsync("kari.kontakt@example.org");
        await Field("Telefon").FillAsync("400 00 000");
        await Page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "Har organisasjonen en vedtatt kompetanseplan?" })
            .GetByLabel("Ja", new LocatorGetByLabelOptions { Exact = true }).CheckAsync();
        await Field("Kort beskrivelse av søknaden").FillAsync("Videreutdanning i palliativ omsorg og opplæring av BPA-arbeidsledere.");
        await ClickAsync("Lagre og gå videre");

        // Part 2: competence measures, the seed's example.
        await Expect(Heading(Page, "Kompetansetiltak")).ToBeVisibleAsync();
        await CheckPageAsync("application-2-competence");
        await Field("Utdanningstype").SelectOptionAsync("videreutdanning");
        await Field("Beløp (kr)").FillAsync("90000");
        await Field("Antall personer").FillAsync("3");
        await Field("Av dem: antall som fortsetter").FillAsync("0");
        await Field("Beskrivelse").FillAsync("kr 90 000 til 3 ansatte, videreutdanning i palliativ omsorg");
        await ClickAsync("Lagre og gå videre");

        // Part 3: one BPA line (work leaders).
        await Expect(Heading(Page, "Opplæring i BPA")).ToBeVisibleAsync();
        await CheckPageAsync("application-3-bpa");
        var workLeaders = Page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "1. Arbeidsledere" });
        await workLeaders.GetByLabel("Antall personer").FillAsync("4");
        await workLeaders.GetByLabel("Beløp per person (kr)").FillAsync("5000");
        await ClickAsync("Lagre");
        await Expect(workLeaders).ToContainTextAsync("kr 20 000");
        await Expect(Page.Locator("[data-sum=total]")).ToHaveTextAsync("kr 110 000");
        await ClickAsync("Lagre og gå videre");

        // Part 4: one project with a theme and a budget.
        await Expect(Heading(Page, "Tjenesteutviklingstiltak")).ToBeVisibleAsync();
        await CheckPageAsync("application-4-projects-empty");
        await ClickAsync("Legg til tiltak");
        var project = Page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "Tiltak 1" });
        await Expect(project.GetByLabel("Prioritet")).ToHaveValueAsync("1");
        await project.GetByLabel("Navn på tiltaket").FillAsync("Digitalt tilsyn i hjemmetjenesten");
        await project.GetByLabel("Forebygging, tidlig innsats og egenmestring").CheckAsync();
        await project.GetByLabel("Formål", new LocatorGetByLabelOptions { Exact = true }).FillAsync("Flere skal kunne bo hjemme lenger.");
        await project.GetByLabel("Beskrivelse av tiltaket").FillAsync("Vi prøver ut digitalt tilsyn i to soner.");
        await project.GetByLabel("Behov og utfordringer").FillAsync("Mange nattlige tilsyn.");
        await project.GetByLabel("Mål og målgrupper").FillAsync("Hjemmeboende med behov for tilsyn.");
        await project.GetByLabel("Organisering og samarbeidspartnere").FillAsync("Hjemmetjenesten og IT.");
        await project.GetByLabel("Forventede gevinster og effekt på praksis").FillAsync("Færre unødige besøk.");
        await project.GetByLabel("Forankring hos lederen som har budsjettansvar").FillAsync("Kommunedirektøren har godkjent.");
        await project.GetByLabel("Brukermedvirkning og bruker- og pårørendeperspektiv").FillAsync("Brukerråd deltar.");
        await project.GetByLabel("Budsjettpost 1").FillAsync("Utstyr");
        await project.GetByLabel("Beløp for post 1 (kr)").FillAsync("150000");
        await project.GetByLabel("Egenfinansiering (kr)").FillAsync("50000");
        await project.GetByLabel("Beløp dere søker om (kr)").FillAsync("100000");
        await project.GetByLabel("Kontrolltiltak").FillAsync("Prosjektregnskap og revisjon.");
        await project.GetByRole(AriaRole.Group, new LocatorGetByRoleOptions { Name = "Signert av" }).GetByLabel("Navn").FillAsync("Kim Kommunedirektør");
        await project.GetByLabel("Rolle").FillAsync("Kommunedirektør");
        await ClickAsync("Lagre");
        await ScreenshotAsync("application-4-projects-saved");
        await Expect(Page.Locator(".ds-error-summary")).ToHaveCountAsync(0);
        await CheckPageAsync("application-4-projects");
        await ClickAsync("Lagre og gå videre");

        // Part 5: summary and submit.
        await Expect(Heading(Page, "Oppsummering og innsending")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("total")).ToHaveTextAsync("kr 210 000");
        await Expect(Page.GetByText("Ingen feil. Søknaden kan sendes inn.")).ToBeVisibleAsync();
        await CheckPageAsync("application-5-summary");
        await ClickAsync("Send inn søknaden");

        // Receipt: reference, time, sender, receiver and SHA-256.
        await Expect(Heading(Page, "Kvittering for innsendt søknad")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("reference")).ToHaveTextAsync(ReferencePattern());
        await Expect(Page.GetByTestId("sha256")).ToHaveTextAsync(Sha256Pattern());
        await Expect(Page.GetByText("Statsforvalteren i Trøndelag")).Not.ToHaveCountAsync(0);
        await CheckPageAsync("application-6-receipt");

        // The PDF copy downloads and reads back with the receipt's reference, the sender and the totals.
        var reference = await Page.GetByTestId("reference").InnerTextAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("pdf").ClickAsync());
        var pdfPath = Path.Combine(Path.GetTempPath(), $"ktu-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(pdfPath);
        try
        {
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(pdfPath);
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            Assert.Contains(reference.Trim(), text, StringComparison.Ordinal);
            Assert.Contains("Trondheim", text, StringComparison.Ordinal);
            Assert.Contains("Statsforvalteren i Trøndelag", text, StringComparison.Ordinal);
            Assert.Contains("90 000", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pdfPath);
        }

        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Alle søknader og kvitteringer" }).ClickAsync();
        await Expect(Heading(Page, "Søknader og kvitteringer")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Sendt inn").First).ToBeVisibleAsync();
        await CheckPageAsync("application-7-archive");

        // Withdraw to change it: the parts open again, the receipt stays in the archive.
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Åpne søknaden" }).ClickAsync();
        await ClickAsync("Trekk tilbake for å endre");
        await Expect(Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send inn søknaden" })).ToBeVisibleAsync();
        await CheckPageAsync("application-8-withdrawn");
    }

    [Fact]
    public async Task Rows_are_added_copied_and_deleted_and_autosave_reports_the_time()
    {
        await LogInAsync("soker.5007@demo.ktu");
        await ClickAsync("Start søknad for 2027");

        // Autosave: a few seconds after typing, the status says when it was saved.
        await Field("Kort beskrivelse av søknaden").FillAsync("Skrevet uten å trykke lagre.");
        await Expect(Page.Locator("#autosave-status")).ToHaveTextAsync(new Regex(@"^Lagret kl\. \d\d:\d\d\.$"), new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await Page.ReloadAsync();
        await Expect(Field("Kort beskrivelse av søknaden")).ToHaveValueAsync("Skrevet uten å trykke lagre.");

        await Page.GotoAsync(Page.Url.Replace("/soker", "/kompetanse", StringComparison.Ordinal));
        await Field("Utdanningstype").SelectOptionAsync("vgs");
        await Field("Beløp (kr)").FillAsync("40 000");
        await Field("Antall personer").FillAsync("2");
        await ClickAsync("Kopier tiltak 1");
        await Expect(Page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "Kompetansetiltak 2" }).GetByLabel("Beløp (kr)")).ToHaveValueAsync("40 000"); // as typed
        await Expect(Page.Locator("[data-sum=competence]")).ToHaveTextAsync("kr 80 000");
        await ClickAsync("Legg til kompetansetiltak");
        await Expect(Page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "Kompetansetiltak 3" })).ToBeVisibleAsync();
        await ClickAsync("Slett tiltak 1");
        await Expect(Page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "Kompetansetiltak 2" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "Kompetansetiltak 3" })).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-sum=competence]")).ToHaveTextAsync("kr 40 000");
        await CheckPageAsync("application-competence-rows");
    }

    [Fact]
    public async Task A_non_numeric_amount_is_kept_as_typed_with_a_Norwegian_message()
    {
        await LogInAsync("soker.5006@demo.ktu");
        await ClickAsync("Start søknad for 2027");
        await Page.GotoAsync(Page.Url.Replace("/soker", "/kompetanse", StringComparison.Ordinal));

        await Field("Utdanningstype").SelectOptionAsync("videreutdanning");
        await Field("Beløp (kr)").FillAsync("12a");
        await Field("Antall personer").FillAsync("-2");
        await ClickAsync("Lagre");

        await Expect(Field("Beløp (kr)")).ToHaveValueAsync("12a");
        var summary = Page.Locator(".ds-error-summary");
        var link = summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Skriv beløpet med tall, for eksempel 90000." });
        await Expect(link).ToHaveAttributeAsync("href", "#CompetenceMeasures_0__Amount");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Skriv beløpet med tall, for eksempel 90000.", "Antall personer kan ikke være negativt."]); // in the form's order
        await Expect(Field("Antall personer")).ToHaveValueAsync("-2");
        await CheckPageAsync("application-competence-errors");

        await link.ClickAsync();
        await Expect(Field("Beløp (kr)")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Two_users_on_the_same_part_the_later_is_told_about_the_conflict_and_keeps_what_was_typed()
    {
        await LogInAsync("soker.5025@demo.ktu");
        await ClickAsync("Start søknad for 2027");
        var partUrl = Page.Url;

        // A colleague opens the same part in another browser and saves first.
        var other = await Fixture.NewPageAsync();
        await other.GotoAsync("/logg-inn");
        await other.GetByLabel("E-post", new PageGetByLabelOptions { Exact = true }).FillAsync("soker.5025@demo.ktu");
        await other.GetByLabel("Passord", new PageGetByLabelOptions { Exact = true }).FillAsync(DemoPassword);
        await other.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg inn", Exact = true }).ClickAsync();
        await other.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await other.GotoAsync(partUrl);
        await other.GetByLabel("Kort beskrivelse av søknaden", new PageGetByLabelOptions { Exact = true }).FillAsync("Kollegaens tekst");
        await other.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Lagre", Exact = true }).ClickAsync();
        await Expect(other.GetByText(new Regex(@"^Lagret kl\."))).ToBeVisibleAsync();
        await other.Context.CloseAsync();

        // The first user types on the older version: autosave reports the conflict and does not overwrite.
        await Field("Kontonummer").FillAsync("12345678903");
        await Expect(Page.Locator("#autosave-status")).ToContainTextAsync("Noen andre har lagret søknaden mens du skrev. Det du skrev er ikke lagret ennå", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });

        // An explicit save says so too, and keeps the typed number in the form.
        await ClickAsync("Lagre");
        await Expect(Page.Locator("#conflict")).ToContainTextAsync("Noen andre har lagret søknaden mens du skrev.");
        await Expect(Field("Kontonummer")).ToHaveValueAsync("12345678903");
        await Expect(Page.GetByText("Lagret nå: «Kollegaens tekst»")).ToBeVisibleAsync(); // the other version is shown, not lost
        await CheckPageAsync("application-conflict");

        // Saving again is a knowing choice and works.
        await ClickAsync("Lagre");
        await Expect(Page.GetByText(new Regex(@"^Lagret kl\."))).ToBeVisibleAsync();
        await Page.GotoAsync(partUrl);
        await Expect(Field("Kontonummer")).ToHaveValueAsync("12345678903");
    }

    [GeneratedRegex(@"^KTU-2027-TRO-\d{4}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
