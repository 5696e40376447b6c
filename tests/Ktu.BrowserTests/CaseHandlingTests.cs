using System.Globalization;
using System.Text.RegularExpressions;
using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// The case handling flow as a new case officer in Statsforvalteren i Nordland meets it: the inbox, one case
/// at a time (impartiality, assessment, a question to the applicant), the allocation with live sums, the
/// approver's four-eyes approval, and the decision as the applicant sees it. Every page gets an axe check.
/// Nordland is used by no other browser test, so the embete's inbox and allocation are this test's own.
/// </summary>
public sealed class CaseHandlingTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Year = 2027;
    private const string Embete = "nordland";
    private const string Bodo = "1804";
    private const string Narvik = "1806";

    private static readonly NumberFormatInfo Norwegian = new() { NumberGroupSeparator = " ", NumberDecimalDigits = 0 };

    private Task ClickAsync(IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }).ClickAsync();

    [Fact]
    public async Task Case_officer_assesses_and_allocates_the_approver_decides_and_the_applicant_sees_the_decision()
    {
        // Arrange over the JSON API: two Nordland municipalities submit complete applications for 2027.
        var bodo = await DemoApi.SubmitCompleteApplicationAsync(Fixture.BaseAddress, Bodo, Year);
        var narvik = await DemoApi.SubmitCompleteApplicationAsync(Fixture.BaseAddress, Narvik, Year);
        // The embete's leader gives both cases to the case officer (issue 16: a case is never taken by declaring).
        await DemoApi.AssignAsync(Fixture.BaseAddress, Embete, bodo);
        await DemoApi.AssignAsync(Fixture.BaseAddress, Embete, narvik);

        // The case officer starts from the start page and goes to the inbox.
        await LogInAsync($"saksbehandler.{Embete}@demo.ktu");
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Gå til innboksen", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/saksbehandling");
        await Expect(Heading(Page, $"Innboks {Year}")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("count-total")).ToHaveTextAsync("2");
        await Expect(Page.GetByTestId("count-UnderAssessment")).ToHaveTextAsync("2");
        var inbox = Page.GetByTestId("inbox");
        await Expect(inbox.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(inbox).ToContainTextAsync("Bodø");
        await Expect(inbox).ToContainTextAsync("Narvik");
        await CheckPageAsync(Page, "case-1-inbox");

        // Search once, then sort by applicant, descending, by clicking the column header twice.
        await Page.GetByLabel("Søk i søker, referanse eller org.nr.").FillAsync("Narvik");
        await ClickAsync(Page, "Vis");
        await Expect(inbox.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(inbox).ToContainTextAsync("Narvik");
        await Page.GetByLabel("Søk i søker, referanse eller org.nr.").FillAsync("");
        await ClickAsync(Page, "Vis");
        await Expect(inbox.Locator("tbody tr")).ToHaveCountAsync(2);
        await inbox.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Søker", Exact = true }).ClickAsync();
        await Expect(inbox.GetByRole(AriaRole.Columnheader, new LocatorGetByRoleOptions { Name = "Søker", Exact = true })).ToHaveAttributeAsync("aria-sort", "ascending");
        await inbox.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Søker", Exact = true }).ClickAsync();
        await Expect(inbox.GetByRole(AriaRole.Columnheader, new LocatorGetByRoleOptions { Name = "Søker", Exact = true })).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(inbox.Locator("tbody tr").First).ToContainTextAsync("Narvik");
        await CheckPageAsync(Page, "case-2-inbox-sorted");

        // Bodø: declare impartiality, trip over one validation error, then assess every line.
        await inbox.Locator("tbody tr", new LocatorLocatorOptions { HasText = "Bodø" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/saksbehandling/sak/{bodo}");
        await Expect(Page.GetByTestId("case-status")).ToHaveTextAsync("Under vurdering");
        await CheckPageAsync(Page, "case-3-case-new");
        await DeclareImpartialAsync();
        await CheckPageAsync(Page, "case-4-case-impartial");

        var form = Page.GetByTestId("assessment-form");
        var rows = form.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3); // competence, BPA, project
        await ScoreAllLinesAsync(rows, "4");
        var summary = Page.Locator(".ds-error-summary");

        // A typo in an amount is refused and shown as typed, not silently replaced by the applied amount.
        var competence = rows.Nth(0).GetByLabel(new Regex("^Beløp for"));
        await competence.FillAsync("9O000");
        await ClickAsync(Page, "Lagre vurderingen");
        var typo = summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Skriv beløpet med hele tall uten mellomrom, for eksempel 90000." });
        await Expect(typo).ToHaveAttributeAsync("href", "#lines_0__amount");
        await Expect(competence).ToHaveValueAsync("9O000");
        await Expect(rows.Nth(0).GetByLabel(new Regex("^Poeng for"))).ToHaveValueAsync("4"); // the rest of the form is kept too
        await typo.ClickAsync();
        await Expect(competence).ToBeFocusedAsync();
        await competence.FillAsync("90000");

        var project = rows.Nth(2);
        await project.GetByLabel(new Regex("^Beløp for")).FillAsync("200000"); // more than the 150 000 applied
        await form.GetByLabel("Saken er ferdig vurdert og kan være med i fordelingen").CheckAsync();
        await ClickAsync(Page, "Lagre vurderingen");

        await Expect(summary).ToBeVisibleAsync();
        var error = summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "må være mellom 0 og det søkte beløpet, kr 150 000" });
        await Expect(error).ToHaveAttributeAsync("href", "#lines_2__amount");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(1); // scored, so not also reported as missing a score
        await Expect(project.GetByLabel(new Regex("^Beløp for"))).ToHaveValueAsync("200000"); // kept as typed
        await CheckPageAsync(Page, "case-5-case-error");
        await error.ClickAsync();
        await Expect(project.GetByLabel(new Regex("^Beløp for"))).ToBeFocusedAsync();

        // A reduced amount needs a reason.
        await project.GetByLabel(new Regex("^Beløp for")).FillAsync("100000");
        await ClickAsync(Page, "Lagre vurderingen");
        await Expect(summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "får lavere beløp enn det er søkt om" })).ToHaveAttributeAsync("href", "#lines_2__reason");
        await project.GetByLabel(new Regex("^Begrunnelse for")).FillAsync("Utstyret dekkes delvis av andre midler.");
        // A condition for this applicant only, for the grant letter.
        var extra = form.GetByLabel("Særlige vilkår for denne søkeren (valgfritt)");
        await extra.FillAsync("Utstyret skal være i bruk innen 1. oktober.");
        await ClickAsync(Page, "Lagre vurderingen");
        await Expect(Page.GetByTestId("case-message")).ToHaveTextAsync("Vurderingen er lagret.");
        await Expect(extra).ToHaveValueAsync("Utstyret skal være i bruk innen 1. oktober.");
        await Expect(Page.GetByTestId("case-status")).ToHaveTextAsync("Vurdert");
        await Expect(summary).ToHaveCountAsync(0);
        await CheckPageAsync(Page, "case-6-case-assessed");

        // Narvik: ask the applicant a question, which the applicant answers, then assess in full.
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Tilbake til innboksen" }).ClickAsync();
        await Expect(Page.GetByTestId("count-Assessed")).ToHaveTextAsync("1");
        await Page.GetByTestId("inbox").Locator("tbody tr", new LocatorLocatorOptions { HasText = "Narvik" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/saksbehandling/sak/{narvik}");
        await DeclareImpartialAsync();
        await Page.GetByLabel("Nytt spørsmål").FillAsync("Hvor mange ansatte i hjemmetjenesten deltar i prosjektet?");
        await ClickAsync(Page, "Send spørsmålet til søkeren");
        await Expect(Page.GetByTestId("case-message")).ToHaveTextAsync("Spørsmålet er sendt til søkeren. Saken venter på svar.");
        await Expect(Page.GetByTestId("case-status")).ToHaveTextAsync("Venter på søker");
        await CheckPageAsync(Page, "case-7-case-question");

        await AnswerAsApplicantAsync(narvik, "Tolv ansatte deltar, fordelt på to soner.");

        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("answer")).ToContainTextAsync("Tolv ansatte deltar, fordelt på to soner.");
        await ScoreAllLinesAsync(rows, "5");
        await form.GetByLabel("Saken er ferdig vurdert og kan være med i fordelingen").CheckAsync();
        await ClickAsync(Page, "Lagre vurderingen");
        await Expect(Page.GetByTestId("case-message")).ToHaveTextAsync("Vurderingen er lagret.");
        await Expect(Page.GetByTestId("case-status")).ToHaveTextAsync("Vurdert");
        await CheckPageAsync(Page, "case-8-case-answered-assessed");

        // The allocation: the proposal, one adjustment (live sums first), a scenario, and off to the approver.
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Tilbake til innboksen" }).ClickAsync();
        await Expect(Page.GetByTestId("count-Assessed")).ToHaveTextAsync("2");
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = $"Gå til fordelingen for {Year}" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/saksbehandling/fordeling/{Year}");
        await Expect(Heading(Page, $"Fordeling {Year} – Statsforvalteren i Nordland")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("round-status")).ToHaveTextAsync("Under arbeid");
        await Expect(Page.GetByTestId("blockers")).ToHaveCountAsync(0);
        var lines = Page.GetByTestId("lines");
        await Expect(lines.Locator("tbody tr")).ToHaveCountAsync(6);
        await CheckPageAsync(Page, "case-9-allocation");
        // At 1280 px, the width the officers work at, the whole table fits: no scrolling sideways to the amounts.
        var widths = await Page.GetByTestId("lines-form").Locator(".ktu-table-scroll")
            .EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The allocation table is {widths[0]} px wide in a {widths[1]} px box at 1280 px.");

        var remaining = Page.GetByTestId("remaining");
        var remainingBefore = Amount(await remaining.InnerTextAsync());
        var narvikBpa = Page.GetByLabel(new Regex(@"^Fordelt til Narvik.*, BPA-opplæring"));
        var bpaBefore = Amount(await narvikBpa.InputValueAsync());
        Assert.Equal(20_000, bpaBefore);
        await narvikBpa.FillAsync("15000");
        await Expect(remaining).ToHaveTextAsync(Kr(remainingBefore + 5_000)); // live, before anything is saved
        await Page.GetByLabel(new Regex(@"^Begrunnelse for Narvik.*, BPA-opplæring")).FillAsync("Ett kurs holdes felles med Bodø.");
        await CheckPageAsync(Page, "case-10-allocation-typing");
        await ClickAsync(Page, "Lagre justeringene");
        await Expect(Page.GetByTestId("round-message")).ToHaveTextAsync("Justeringene er lagret.");
        await Expect(remaining).ToHaveTextAsync(Kr(remainingBefore + 5_000));
        await Expect(Page.GetByLabel(new Regex(@"^Fordelt til Narvik.*, BPA-opplæring"))).ToHaveValueAsync("15000");

        await Page.GetByLabel("Navn på scenario").FillAsync("Vekt 1–5");
        await ClickAsync(Page, "Lagre som scenario");
        await Expect(Page.GetByTestId("round-message")).ToHaveTextAsync("Scenarioet er lagret.");
        await Expect(Page.GetByTestId("scenarios")).ToContainTextAsync("Vekt 1–5");
        await CheckPageAsync(Page, "case-11-allocation-scenario");

        await ClickAsync(Page, "Send til godkjenning");
        await Expect(Page.GetByTestId("round-message")).ToHaveTextAsync("Fordelingen er sendt til godkjenning.");
        await Expect(Page.GetByTestId("round-status")).ToHaveTextAsync("Sendt til godkjenning");
        await Expect(Page.GetByLabel(new Regex("^Fordelt til"))).ToHaveCountAsync(0); // read-only now
        await CheckPageAsync(Page, "case-12-allocation-submitted");

        // The approver, in a browser of their own, approves: the decisions are made.
        await Fixture.PassApplicationDeadlineAsync(Embete, Year); // no approval before the application deadline (issue 16)
        var approver = await LogInInNewContextAsync($"leder.{Embete}@demo.ktu");
        await approver.GotoAsync($"/saksbehandling/fordeling/{Year}");
        await Expect(approver.GetByTestId("round-status")).ToHaveTextAsync("Sendt til godkjenning");
        await CheckPageAsync(approver, "case-13-approval");
        await ClickAsync(approver, "Godkjenn fordelingen og fatt vedtak");
        await Expect(approver.GetByTestId("round-message")).ToHaveTextAsync("Fordelingen er godkjent. Vedtakene er fattet og kan ikke endres.");
        await Expect(approver.GetByTestId("round-status")).ToHaveTextAsync("Godkjent – vedtak fattet");
        await Expect(approver.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Godkjenn fordelingen og fatt vedtak" })).ToHaveCountAsync(0);
        await CheckPageAsync(approver, "case-14-approved");
        await approver.Context.CloseAsync();

        // The applicants see their decisions: Bodø got the project reduced, Narvik the BPA line.
        var applicant = await LogInInNewContextAsync($"soker.{Bodo}@demo.ktu");
        await applicant.GotoAsync($"/soknad/{bodo}/vedtak");
        await Expect(applicant.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Vedtak", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(applicant.GetByTestId("outcome")).ToHaveTextAsync("Dere får kr 210 000 i tilskudd. Dere søkte om kr 260 000.");
        await Expect(applicant.GetByTestId("granted")).ToHaveTextAsync("kr 210 000");
        await Expect(applicant.GetByTestId("applied")).ToHaveTextAsync("kr 260 000");
        await Expect(applicant.GetByText("Utstyret dekkes delvis av andre midler.")).ToBeVisibleAsync();
        await CheckPageAsync(applicant, "case-15-decision-bodo");
        await applicant.Context.CloseAsync();

        var narvikApplicant = await LogInInNewContextAsync($"soker.{Narvik}@demo.ktu");
        await narvikApplicant.GotoAsync($"/soknad/{narvik}/vedtak");
        await Expect(narvikApplicant.GetByTestId("granted")).ToHaveTextAsync("kr 255 000");
        await Expect(narvikApplicant.GetByText("Ett kurs holdes felles med Bodø.")).ToBeVisibleAsync();
        await CheckPageAsync(narvikApplicant, "case-16-decision-narvik");
        await narvikApplicant.Context.CloseAsync();
    }

    private async Task DeclareImpartialAsync()
    {
        await Page.GetByLabel("Ja, jeg er habil", new PageGetByLabelOptions { Exact = true }).CheckAsync();
        await ClickAsync(Page, "Lagre erklæringen");
        await Expect(Page.GetByTestId("case-message")).ToHaveTextAsync("Du har erklært deg habil.");
        await Expect(Page.GetByTestId("my-declaration")).ToContainTextAsync("Du erklærte deg habil");
    }

    private static async Task ScoreAllLinesAsync(ILocator rows, string score)
    {
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            await rows.Nth(i).GetByLabel(new Regex("^Poeng for")).SelectOptionAsync(score);
        }
    }

    private async Task AnswerAsApplicantAsync(string applicationId, string answer)
    {
        var applicant = await LogInInNewContextAsync($"soker.{Narvik}@demo.ktu");
        await applicant.GotoAsync($"/soknad/{applicationId}/sporsmal");
        await Expect(applicant.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Spørsmål fra Statsforvalteren", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(applicant.GetByTestId("question")).ToContainTextAsync("Hvor mange ansatte i hjemmetjenesten deltar i prosjektet?");
        await CheckPageAsync(applicant, "case-7a-applicant-question");
        await applicant.GetByLabel("Svaret deres på spørsmål 1").FillAsync(answer);
        await ClickAsync(applicant, "Send svaret");
        await Expect(applicant.GetByTestId("answer-sent")).ToBeVisibleAsync();
        await Expect(applicant.GetByTestId("answer")).ToHaveTextAsync(answer);
        await CheckPageAsync(applicant, "case-7b-applicant-answered");
        await applicant.Context.CloseAsync();
    }

    private static long Amount(string text) => long.Parse(Regex.Replace(text, @"[^\d-]", ""), CultureInfo.InvariantCulture);

    private static string Kr(long amount) => "kr " + amount.ToString("N0", Norwegian);
}
