using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// Issue 17, the second round as Statsforvaltaren i Rogaland meets it: the year's allocation is approved with money left
/// (Stavanger's project cut to kr 50 000), the case officer sees what is left, starts the next round from the allocation
/// page, adjusts and sends it, another leader approves, and Stavanger sees the supplementary grant beside its decision.
/// Rogaland is used by no other browser test. Every page gets an axe check.
/// </summary>
public sealed class SecondRoundTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Year = 2027;
    private const string Embete = "rogaland";
    private const string Stavanger = "1103";
    private const string Haugesund = "1106";

    private Task ClickAsync(IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }).ClickAsync();

    [Fact]
    public async Task After_an_approved_allocation_with_money_left_a_second_round_gives_a_supplementary_grant()
    {
        // Arrange over the JSON API: two applications assessed, Stavanger's project cut to kr 50 000, approved by the leader.
        var stavanger = await DemoApi.SubmitCompleteApplicationAsync(Fixture.BaseAddress, Stavanger, Year);
        var haugesund = await DemoApi.SubmitCompleteApplicationAsync(Fixture.BaseAddress, Haugesund, Year);
        await ApproveFirstRoundAsync(stavanger, haugesund);

        // The case officer sees what is left of the pot and starts round 2 from the page.
        await LogInAsync($"saksbehandler.{Embete}@demo.ktu");
        await Page.GotoAsync($"/saksbehandling/fordeling/{Year}");
        await Expect(Page.GetByTestId("round-status")).ToHaveTextAsync("Godkjent – vedtak fattet");
        var left = Page.GetByTestId("pot-left");
        await Expect(left).ToContainTextAsync("Det er gitt kr 420 000 i vedtak så langt");
        await CheckPageAsync(Page, "round2-1-approved-with-money-left");
        await ClickAsync(Page, "Start runde 2");
        await Expect(Page.GetByTestId("round-message")).ToHaveTextAsync("Ny runde er startet. Den fordeler bare det som er igjen i rammen.");
        await Expect(Page.GetByTestId("round-status")).ToHaveTextAsync("Under arbeid");
        await Expect(Page.GetByTestId("round-number")).ToContainTextAsync("runde 2");
        // Only what the first round did not grant: Stavanger's project, kr 100 000 still applied for.
        var lines = Page.GetByTestId("lines");
        await Expect(lines.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(lines).ToContainTextAsync("Stavanger");
        await CheckPageAsync(Page, "round2-2-next-round");

        // Adjust: kr 80 000 of the kr 100 000, with a reason, and send it.
        await Page.GetByLabel(new Regex("^Fordelt til Stavanger")).FillAsync("80000");
        await Page.GetByLabel(new Regex("^Begrunnelse for Stavanger")).FillAsync("Resten av prosjektet dekkes av pengene som var igjen.");
        await ClickAsync(Page, "Lagre justeringene");
        await Expect(Page.GetByTestId("round-message")).ToHaveTextAsync("Justeringene er lagret.");
        await Expect(Page.GetByLabel(new Regex("^Fordelt til Stavanger"))).ToHaveValueAsync("80000");
        await CheckPageAsync(Page, "round2-3-adjusted");
        await ClickAsync(Page, "Send til godkjenning");
        await Expect(Page.GetByTestId("round-message")).ToHaveTextAsync("Fordelingen er sendt til godkjenning.");
        await Expect(Page.GetByTestId("round-status")).ToHaveTextAsync("Sendt til godkjenning");
        await CheckPageAsync(Page, "round2-4-submitted");

        // Another leader than the one who approved the first round approves in a browser of their own.
        var approver = await LogInInNewContextAsync($"leder2.{Embete}@demo.ktu");
        await approver.GotoAsync($"/saksbehandling/fordeling/{Year}");
        await Expect(approver.GetByTestId("round-status")).ToHaveTextAsync("Sendt til godkjenning");
        await CheckPageAsync(approver, "round2-5-approval");
        await ClickAsync(approver, "Godkjenn fordelingen og fatt vedtak");
        await Expect(approver.GetByTestId("round-message")).ToHaveTextAsync("Fordelingen er godkjent. Vedtakene er fattet og kan ikke endres.");
        await Expect(approver.GetByTestId("pot-left")).ToContainTextAsync("Det er gitt kr 500 000 i vedtak så langt");
        await CheckPageAsync(approver, "round2-6-approved");
        await approver.Context.CloseAsync();

        // The letters are made (over the API); Stavanger sees the first decision, the supplementary grant and the total.
        using (var officer = await DemoApi.LogInAsync(Fixture.BaseAddress, $"saksbehandler.{Embete}@demo.ktu"))
        {
            var letters = await officer.PostAsync(new Uri($"/api/v1/allocations/{Year}/letters", UriKind.Relative), null);
            Assert.True(letters.IsSuccessStatusCode, await letters.Content.ReadAsStringAsync());
        }
        var applicant = await LogInInNewContextAsync($"soker.{Stavanger}@demo.ktu");
        await applicant.GotoAsync($"/soknad/{stavanger}/vedtak");
        await Expect(applicant.GetByTestId("outcome")).ToHaveTextAsync(
            "Dere får kr 240 000 i tilskudd i alt: kr 160 000 i vedtaket og kr 80 000 i tilleggstilskudd. Dere søkte om kr 260 000.");
        await Expect(applicant.GetByTestId("granted")).ToHaveTextAsync("kr 240 000");
        await Expect(applicant.GetByTestId("granted-first")).ToHaveTextAsync("kr 160 000");
        var supplementary = applicant.GetByTestId("supplementary");
        await Expect(supplementary).ToHaveCountAsync(1);
        await Expect(supplementary.GetByRole(AriaRole.Heading, new LocatorGetByRoleOptions { Level = 2 })).ToContainTextAsync("Tilleggstilskudd vedtatt");
        await Expect(supplementary.GetByTestId("supplementary-granted")).ToHaveTextAsync("kr 80 000");
        await Expect(supplementary).ToContainTextAsync("Resten av prosjektet dekkes av pengene som var igjen.");
        await Expect(supplementary.GetByTestId("supplementary-letter-link")).ToHaveAttributeAsync("href", $"/soknad/{stavanger}/vedtak/brev.pdf?round=2");
        await Expect(applicant.GetByTestId("letter-link")).ToHaveAttributeAsync("href", $"/soknad/{stavanger}/vedtak/brev.pdf");
        await CheckPageAsync(applicant, "round2-7-decision-with-supplementary");
        await applicant.Context.CloseAsync();
    }

    private async Task ApproveFirstRoundAsync(string stavanger, string haugesund)
    {
        using var officer = await DemoApi.LogInAsync(Fixture.BaseAddress, $"saksbehandler.{Embete}@demo.ktu");
        foreach (var id in new[] { stavanger, haugesund })
        {
            await DemoApi.AssignAsync(Fixture.BaseAddress, Embete, id);
            Assert.True((await officer.PostAsJsonAsync($"/api/v1/cases/{id}/impartiality", new { conflict = false })).IsSuccessStatusCode);
            var view = await DemoApi.ReadAsync(await officer.GetAsync(new Uri($"/api/v1/cases/{id}", UriKind.Relative)));
            var lines = view["lines"]!.AsArray().Select(l => new { lineId = l!["id"]!.GetValue<string>(), score = 4 }).ToArray();
            var assessed = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines, completed = true });
            Assert.True(assessed.IsSuccessStatusCode, await assessed.Content.ReadAsStringAsync());
        }
        var round = await DemoApi.ReadAsync(await officer.GetAsync(new Uri($"/api/v1/allocations/{Year}", UriKind.Relative)));
        var project = round["lines"]!.AsArray().Single(l => l!["applicationId"]!.GetValue<string>() == stavanger && l["lineId"]!.GetValue<string>() == "prosjekt-1")!;
        var adjusted = await officer.PutAsJsonAsync($"/api/v1/allocations/{Year}", new
        {
            adjustments = new[] { new { lineKey = project["key"]!.GetValue<string>(), amount = 50_000L, reason = "Prosjektet starter i det små." } },
        });
        Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        var submitted = await officer.PostAsJsonAsync($"/api/v1/allocations/{Year}/submit", new { version = (await DemoApi.ReadAsync(adjusted))["version"]!.GetValue<int>() });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        await Fixture.PassApplicationDeadlineAsync(Embete, Year);
        using var leader = await DemoApi.LogInAsync(Fixture.BaseAddress, $"leder.{Embete}@demo.ktu");
        var approved = await leader.PostAsJsonAsync($"/api/v1/allocations/{Year}/approve", new { });
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
    }
}
