using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// The report after the grant from the pages, as new users would: Kristiansand was granted for 2027 in Agder (through the API),
/// the leader opened the report window early; the municipality writes the report, attaches the auditor's statement and sends
/// it; the case officer finds it in the overview and recommends it; the leader approves it.
/// </summary>
public sealed class ReportingTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Year = 2027;
    private const string Embete = "agder";
    private const string Kristiansand = "4204";

    private static Task ClickAsync(IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }).ClickAsync();

    [Fact]
    public async Task The_municipality_reports_with_the_auditors_statement_and_the_embete_approves_it_with_four_eyes()
    {
        var application = await DemoApi.SubmitCompleteApplicationAsync(Fixture.BaseAddress, Kristiansand, Year);
        // The leader opens the report window first: once the application deadline has passed (for the approval), the
        // deadlines form refuses to be saved with it.
        using (var leaderApi = await DemoApi.LogInAsync(Fixture.BaseAddress, $"leder.{Embete}@demo.ktu"))
        {
            var opened = await leaderApi.PutAsJsonAsync($"/api/v1/schemes/{Year}/pots/{Embete}/deadlines", new { reportOpensOn = "2026-11-01" });
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        }
        await DemoApi.AssessAndApproveAsync(Fixture, Embete, Year, [application]);

        // The applicant goes from the decision to the report.
        await LogInAsync($"soker.{Kristiansand}@demo.ktu");
        await Page.GotoAsync($"/soknad/{application}/vedtak");
        await Page.GetByTestId("report-link").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/soknad/{application}/rapport");
        await Expect(Heading(Page, $"Rapport for tilskuddet {Year}")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Ikke påbegynt");
        await CheckPageAsync(Page, "report-1-new");

        var competenceLines = await Page.Locator("input[id^='completed-']").CountAsync();
        Assert.True(competenceLines > 0);
        for (var i = 0; i < competenceLines; i++)
        {
            await Page.Locator($"#completed-{i}").FillAsync("2");
            await Page.Locator($"#ongoing-{i}").FillAsync("1");
            await Page.Locator($"#dropped-{i}").FillAsync("0");
        }
        await Page.Locator("#trained-0").FillAsync("4");
        foreach (var field in new[] { "UserExperiences", "ReducedCompensatingServices", "QualitativeGains", "EconomicGains", "TransferValue" })
        {
            await Page.Locator($"#{field}-0").FillAsync("Brukerne opplever større trygghet, og tiltaket videreføres i drift.");
        }
        await Page.Locator("#innovation-no-0").CheckAsync();
        await Page.Locator("#Form_FteYearBefore").FillAsync("1200,5");
        await Page.Locator("#Form_FteGrantYear").FillAsync("1212");
        var granted = await Page.GetByTestId("accounts").Locator("tbody tr td.ktu-num:first-of-type").AllInnerTextsAsync();
        for (var i = 0; i < granted.Count; i++)
        {
            await Page.Locator($"#spent-{i}").FillAsync(new string(granted[i].Where(char.IsDigit).ToArray()));
        }
        // The draft saves itself a few seconds after the last change, and the totals follow; a reload finds it.
        await Expect(Page.Locator("#autosave-status")).ToHaveTextAsync(new Regex(@"^Lagret automatisk kl\. \d\d:\d\d\.$"), new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Expect(Page.GetByTestId("unused")).ToHaveTextAsync("kr 0");
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Under arbeid");
        await Expect(Page.Locator("#Form_FteGrantYear")).ToHaveValueAsync("1212");
        await ClickAsync(Page, "Lagre");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rapporten er lagret.");
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Under arbeid");
        await Expect(Page.GetByTestId("unused")).ToHaveTextAsync("kr 0");
        await Expect(Page.GetByTestId("fte-change")).ToContainTextAsync("11,5");
        await Expect(Page.GetByTestId("issues")).ToContainTextAsync("Last opp revisorattestasjonen");

        // The auditor's statement: a PDF.
        await Page.Locator("#File").SetInputFilesAsync(new FilePayload { Name = "revisorattestasjon.pdf", MimeType = "application/pdf", Buffer = StatementPdf() });
        await ClickAsync(Page, "Last opp");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vedlegget er lastet opp.");
        await Expect(Page.GetByTestId("attachments")).ToContainTextAsync("revisorattestasjon.pdf");
        await CheckPageAsync(Page, "report-2-complete");

        await ClickAsync(Page, "Send rapporten");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rapporten er sendt.");
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Sendt inn");
        await Expect(Page.GetByTestId("receipts")).ToContainTextAsync("SHA-256");
        await CheckPageAsync(Page, "report-3-sent");

        // The case officer finds it in the overview and recommends it.
        var officer = await LogInInNewContextAsync($"saksbehandler.{Embete}@demo.ktu");
        await officer.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Rapporter", Exact = true }).ClickAsync();
        // The link shows the latest year with grants.
        await Expect(Heading(officer, $"Rapporter for {Year}")).ToBeVisibleAsync();
        await Expect(officer.GetByTestId("count-submitted")).ToHaveTextAsync("1");
        await CheckPageAsync(officer, "report-4-overview");
        await officer.GetByTestId("reports").Locator("tbody tr", new LocatorLocatorOptions { HasText = "Kristiansand" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(officer.GetByTestId("report-status")).ToHaveTextAsync("Sendt inn");
        await CheckPageAsync(officer, "report-5-review");
        await ClickAsync(officer, "Anbefal godkjenning");
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Rapporten er anbefalt.");
        await Expect(officer.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Godkjenn rapporten" })).ToHaveCountAsync(0);
        var review = officer.Url;
        await officer.Context.CloseAsync();

        // The leader approves.
        var leader = await LogInInNewContextAsync($"leder.{Embete}@demo.ktu");
        await leader.GotoAsync(review);
        await ClickAsync(leader, "Godkjenn rapporten");
        await Expect(leader.GetByRole(AriaRole.Status)).ToContainTextAsync("Rapporten er godkjent.");
        await Expect(leader.GetByTestId("report-status")).ToHaveTextAsync("Godkjent");

        // A later finding: the case officer proposes a claim, the leader issues it, the municipality sees it.
        var claimant = await LogInInNewContextAsync($"saksbehandler.{Embete}@demo.ktu");
        await claimant.GotoAsync(review);
        await claimant.GetByLabel("Grunnlag").SelectOptionAsync("finding");
        await claimant.GetByLabel("Beløp (kroner)").FillAsync("10000");
        await claimant.GetByLabel("Begrunnelse", new PageGetByLabelOptions { Exact = true }).FillAsync("Kontrollen viste at en del av utstyret ble brukt i ordinær drift.");
        await ClickAsync(claimant, "Foreslå kravet");
        await Expect(claimant.GetByRole(AriaRole.Status)).ToContainTextAsync("Kravet er foreslått.");
        await Expect(claimant.GetByTestId("claims")).ToContainTextAsync("kr 10 000 – foreslått");
        await CheckPageAsync(claimant, "report-6-claim-proposed");
        await claimant.Context.CloseAsync();

        await leader.ReloadAsync();
        await ClickAsync(leader, "Utsted kravet");
        await Expect(leader.GetByRole(AriaRole.Status)).ToContainTextAsync("Kravet er utstedt");
        await Expect(leader.GetByTestId("claims")).ToContainTextAsync("utstedt, ikke betalt");
        await leader.Context.CloseAsync();

        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Godkjent");
        await Expect(Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send rapporten" })).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("claim")).ToContainTextAsync("kr 10 000");
        await CheckPageAsync(Page, "report-7-applicant-claim");

        // A new account after the decision: reported by the municipality, approved by a leader (issue 16: a case officer
        // alone never redirects money).
        await Page.GetByLabel("Nytt kontonummer (11 siffer)").FillAsync("86011117947");
        await Page.Locator("#account-reason").FillAsync("Kommunen har byttet bank.");
        await ClickAsync(Page, "Meld endringen");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Endringen er meldt.");
        await Expect(Page.GetByTestId("changes")).ToContainTextAsync("venter på Statsforvalteren");
        var checker = await LogInInNewContextAsync($"leder.{Embete}@demo.ktu");
        await checker.GotoAsync(review);
        await ClickAsync(checker, "Godkjenn kontonummer 86011117947");
        await Expect(checker.GetByRole(AriaRole.Status)).ToContainTextAsync("Endringen er avgjort.");
        await Expect(checker.GetByTestId("changes")).ToContainTextAsync("godkjent");
        await CheckPageAsync(checker, "report-8-account-approved");

        // A second new account is refused: first without a reason, which is asked for, then with one the applicant reads.
        await Page.ReloadAsync();
        await Page.GetByLabel("Nytt kontonummer (11 siffer)").FillAsync("15030522238");
        await Page.Locator("#account-reason").FillAsync("Vi vil heller bruke driftskontoen.");
        await ClickAsync(Page, "Meld endringen");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Endringen er meldt.");
        await checker.ReloadAsync();
        await ClickAsync(checker, "Avslå kontonummer 15030522238");
        await Expect(checker.Locator("#error-summary")).ToContainTextAsync("Skriv hvorfor endringen avslås.");
        await checker.GetByTestId("refuse-account").GetByLabel("Begrunnelse hvis du avslår").FillAsync("Kontoen tilhører ikke kommunen.");
        await ClickAsync(checker, "Avslå kontonummer 15030522238");
        await Expect(checker.GetByRole(AriaRole.Status)).ToContainTextAsync("Endringen er avgjort.");
        await CheckPageAsync(checker, "report-9-account-refused");
        await checker.Context.CloseAsync();
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("changes")).ToContainTextAsync("Begrunnelse: Kontoen tilhører ikke kommunen.");
    }

    /// <summary>A one-page PDF standing in for the auditor's statement.</summary>
    private static byte[] StatementPdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("Uavhengig revisors uttalelse (ISA 805)", 12, new PdfPoint(50, 780), font);
        return builder.Build();
    }
}
