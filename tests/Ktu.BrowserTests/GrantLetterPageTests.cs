using System.Text;
using System.Xml.Linq;
using Ktu.BrowserTests.Infrastructure;
using Ktu.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// After approval, as a new case officer in Statsforvalteren i Vestfold og Telemark meets it: the letters page,
/// the embete's own texts in the letter template (one bad merge code first), the letters made with visible
/// progress, a letter read back from its PDF, the payment files, a grant marked paid; then the applicant finds
/// the letter on the decision page. Every page state gets an axe check. Vestfold og Telemark is used by no
/// other browser test, so its allocation and letters are this test's own. Submission, assessment and approval
/// are arranged over the JSON API: they are tested elsewhere (CaseHandlingTests).
/// </summary>
public sealed class GrantLetterPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Year = 2027;
    private const string Embete = "vestfold-og-telemark";
    private const string Skien = "4003";
    private const string Porsgrunn = "4001";
    /// <summary>The embete's account as typed on the page (a valid MOD11 example number, not a real account).</summary>
    private const string PayerAccount = "86011117947";

    private const string Greeting = "Gratulerer, {mottaker}! Statsforvalteren i Vestfold og Telemark ønsker lykke til med tiltakene.";
    private const string Contact = "Spørsmål om brevet? Skriv til helse.vt@example.org og oppgi saksnummeret {saksnummer}.";

    private Task ClickAsync(IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }).ClickAsync();

    private ILocator Row(string applicant) =>
        Page.GetByRole(AriaRole.Table, new PageGetByRoleOptions { Name = "Vedtak med brev og utbetaling" })
            .Locator("tbody tr", new LocatorLocatorOptions { HasText = applicant });

    [Fact]
    public async Task The_officer_edits_the_template_makes_letters_pays_and_the_applicant_downloads_the_letter()
    {
        var skien = await DemoApi.SubmitCompleteApplicationAsync(Fixture.BaseAddress, Skien, Year);
        var porsgrunn = await DemoApi.SubmitCompleteApplicationAsync(Fixture.BaseAddress, Porsgrunn, Year);
        await DemoApi.AssessAndApproveAsync(Fixture, Embete, Year, [skien, porsgrunn]);

        // From the approved allocation to the letters page: two decisions, no letters yet.
        await LogInAsync($"saksbehandler.{Embete}@demo.ktu");
        await Page.GotoAsync($"/saksbehandling/fordeling/{Year}");
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Tilskuddsbrev og utbetaling", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/saksbehandling/brev/{Year}");
        await Expect(Heading(Page, $"Tilskuddsbrev og utbetaling {Year}")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("letters-status")).ToHaveTextAsync("0 av 2 vedtak har brev.");
        await Expect(Row("Skien")).ToContainTextAsync("kr 260 000");
        await Expect(Row("Skien")).ToContainTextAsync("Ikke laget");
        await Expect(Row("Porsgrunn")).ToContainTextAsync("kr 260 000");
        await CheckPageAsync(Page, "letters-1-approved");

        // The template: an unknown merge code is refused with a message that names it and the codes there are.
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = $"Embetets tekster i brevmalen for {Year}" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/saksbehandling/brevmal/{Year}");
        await Expect(Heading(Page, $"Brevmal for tilskuddsbrev {Year}")).ToBeVisibleAsync();
        await CheckPageAsync(Page, "letters-2-template");
        var greeting = Page.GetByLabel("Hilsen (innledning)");
        await greeting.FillAsync("Gratulerer, {kommune}!");
        await ClickAsync(Page, "Lagre tekstene");
        var summary = Page.Locator(".ds-error-summary");
        var unknown = summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Teksten bruker flettekoder som ikke finnes: {kommune}. Du kan bruke {ordning}" });
        await Expect(unknown).ToHaveAttributeAsync("href", "#Greeting");
        await Expect(greeting).ToHaveValueAsync("Gratulerer, {kommune}!"); // kept as typed, not saved
        await CheckPageAsync(Page, "letters-3-template-error");
        await unknown.ClickAsync();
        await Expect(greeting).ToBeFocusedAsync();

        // A closing is required; an emptied one is refused too, and the other fields stay as typed.
        var closing = Page.GetByLabel("Avslutning");
        var closingBefore = await closing.InputValueAsync();
        await greeting.FillAsync(Greeting);
        await Page.GetByLabel("Kontaktlinje").FillAsync(Contact);
        await closing.FillAsync("");
        await ClickAsync(Page, "Lagre tekstene");
        await Expect(summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Teksten mangler." })).ToHaveAttributeAsync("href", "#Closing");
        await Expect(greeting).ToHaveValueAsync(Greeting);
        await closing.FillAsync(closingBefore);
        await ClickAsync(Page, "Lagre tekstene");
        await Expect(Page.GetByText("Tekstene er lagret. Brev som lages fra nå, bruker dem.")).ToBeVisibleAsync();
        await Expect(summary).ToHaveCountAsync(0);
        await Expect(greeting).ToHaveValueAsync(Greeting);
        await CheckPageAsync(Page, "letters-4-template-saved");

        // Back to the letters: make them; the progress reaches all decisions and the button is gone.
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = $"Tilbake til tilskuddsbrev og utbetaling {Year}" }).ClickAsync();
        await ClickAsync(Page, "Lag brev for 2 vedtak");
        // Making PDF/A letters takes a few seconds on a busy machine; the page reloads when the last batch is done.
        await Expect(Page.GetByText("Alle vedtak har brev.")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        await Expect(Page.GetByTestId("letters-status")).ToHaveTextAsync("2 av 2 vedtak har brev.");
        var progress = Page.Locator("progress#letters-progress");
        await Expect(progress).ToHaveAttributeAsync("value", "2");
        await Expect(progress).ToHaveAttributeAsync("max", "2");
        await Expect(Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Lag brev for" })).ToHaveCountAsync(0);
        await Expect(Row("Skien").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Versjon 1" })).ToBeVisibleAsync();
        await CheckPageAsync(Page, "letters-5-made");

        // Skien's letter: the applicant, the amount and the embete's own texts, merge codes filled in.
        var letter = PdfText.Flat(await DownloadAsync(Page, () => Row("Skien").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Versjon 1" }).ClickAsync()));
        Assert.Contains("Skien kommune (org.nr.", letter, StringComparison.Ordinal);
        Assert.Contains("kr 260 000", letter, StringComparison.Ordinal);
        Assert.Contains("Gratulerer, Skien kommune! Statsforvalteren i Vestfold og Telemark ønsker lykke til med tiltakene.", letter, StringComparison.Ordinal);
        Assert.Contains("Skriv til helse.vt@example.org og oppgi saksnummeret KTU-", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("{", letter, StringComparison.Ordinal);
        // Lines assessed and granted as applied say so; they are not "not assessed".
        Assert.Contains("Begrunnelse: Innvilget som omsøkt.", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("ikke vurdert", letter, StringComparison.Ordinal);

        // Payment files: without an account the page says what to do, on the page, at the field.
        await ClickAsync(Page, "Utbetalingsliste (CSV)");
        var noAccount = summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Oppgi embetets kontonummer (11 siffer) for å lage betalingsfilen." });
        await Expect(noAccount).ToHaveAttributeAsync("href", "#payerAccount");
        await CheckPageAsync(Page, "letters-6-payment-no-account");
        await noAccount.ClickAsync();
        var account = Page.GetByLabel("Embetets kontonummer (11 siffer)");
        await Expect(account).ToBeFocusedAsync();
        await account.FillAsync(PayerAccount);

        var csv = CsvRows(await DownloadAsync(Page, () => ClickAsync(Page, "Utbetalingsliste (CSV)")));
        Assert.Equal("Mottaker;Organisasjonsnummer;Kontonummer;Beløp;Melding til mottaker;Saksnummer;Tilskuddsår;Betalingsdato;Innvilget beløp;Motregnet krav om tilbakebetaling;Postadresse", csv[0]);
        Assert.Equal(3, csv.Length);
        var skienRow = Assert.Single(csv, r => r.StartsWith("Skien kommune;", StringComparison.Ordinal)).Split(';');
        Assert.Equal(new[] { "1234.56.78903", "260000", "2027" }, new[] { skienRow[2], skienRow[3], skienRow[6] });
        Assert.StartsWith("KTU-", skienRow[5], StringComparison.Ordinal);
        Assert.Single(csv, r => r.StartsWith("Porsgrunn kommune;", StringComparison.Ordinal));

        var pain = XDocument.Parse(Encoding.UTF8.GetString(await DownloadAsync(Page, () => ClickAsync(Page, "Betalingsfil til banken (pain.001)"))));
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        var header = pain.Root!.Element(ns + "CstmrCdtTrfInitn")!.Element(ns + "GrpHdr")!;
        Assert.Equal("2", header.Element(ns + "NbOfTxs")!.Value);
        Assert.Equal("520000.00", header.Element(ns + "CtrlSum")!.Value);
        Assert.Equal("Statsforvalteren i Vestfold og Telemark", header.Element(ns + "InitgPty")!.Element(ns + "Nm")!.Value);
        Assert.EndsWith(PayerAccount, pain.Descendants(ns + "IBAN").Single().Value, StringComparison.Ordinal);
        var skienTransfer = Assert.Single(pain.Descendants(ns + "CdtTrfTxInf"), t => t.Element(ns + "Cdtr")!.Element(ns + "Nm")!.Value == "Skien kommune");
        Assert.Equal("260000.00", skienTransfer.Element(ns + "Amt")!.Element(ns + "InstdAmt")!.Value);
        Assert.Equal(skienRow[5], skienTransfer.Element(ns + "PmtId")!.Element(ns + "EndToEndId")!.Value);

        // Skien is paid: a missing date is refused at the field, then the date is kept and shown.
        await ClickAsync(Page, "Marker som betalt for Skien kommune");
        var noDate = summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Oppgi datoen tilskuddet ble betalt" });
        await Expect(noDate).ToBeVisibleAsync();
        await CheckPageAsync(Page, "letters-7-paid-no-date");
        await noDate.ClickAsync();
        var paidOn = Page.GetByLabel("Betalt dato for Skien kommune");
        await Expect(paidOn).ToBeFocusedAsync();
        await paidOn.FillAsync("2027-06-15");
        await ClickAsync(Page, "Marker som betalt for Skien kommune");
        // Issue 16: the officer's mark is a proposal that waits for a leader; the officer may withdraw it, not confirm it.
        await Expect(Page.GetByText("Forslaget om at tilskuddet er betalt er lagret.")).ToBeVisibleAsync();
        await Expect(Row("Skien")).ToContainTextAsync("Venter på bekreftelse: foreslått av");
        await Expect(Row("Skien").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Trekk tilbake for Skien kommune" })).ToBeVisibleAsync();
        await Expect(Row("Skien").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Bekreft for Skien kommune" })).ToHaveCountAsync(0);
        await CheckPageAsync(Page, "letters-8-paid-pending");
        var leader = await LogInInNewContextAsync($"leder.{Embete}@demo.ktu");
        await leader.GotoAsync($"/saksbehandling/brev/{Year}");
        await ClickAsync(leader, "Bekreft for Skien kommune");
        await Expect(leader.GetByText("Tilskuddet er markert som betalt.")).ToBeVisibleAsync();
        await leader.Context.CloseAsync();
        await Page.ReloadAsync();
        await Expect(Row("Skien")).ToContainTextAsync("Betalt 15. juni 2027");
        await Expect(Row("Porsgrunn").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Marker som betalt for Porsgrunn kommune" })).ToBeVisibleAsync();
        await CheckPageAsync(Page, "letters-8-paid");

        // A new payment list pays only what is not marked paid.
        await Page.GetByLabel("Embetets kontonummer (11 siffer)").FillAsync(PayerAccount);
        var after = CsvRows(await DownloadAsync(Page, () => ClickAsync(Page, "Utbetalingsliste (CSV)")));
        Assert.Equal(2, after.Length);
        Assert.StartsWith("Porsgrunn kommune;", after[1], StringComparison.Ordinal);

        // The applicant finds the letter on the decision page and downloads it.
        var applicant = await LogInInNewContextAsync($"soker.{Skien}@demo.ktu");
        await applicant.GotoAsync($"/soknad/{skien}/vedtak");
        await Expect(applicant.GetByTestId("granted")).ToHaveTextAsync("kr 260 000");
        await Expect(applicant.GetByText("Innvilget som omsøkt.")).ToHaveCountAsync(3);
        var link = applicant.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Last ned tilskuddsbrevet (PDF)" });
        await Expect(link).ToHaveAttributeAsync("href", $"/soknad/{skien}/vedtak/brev.pdf");
        await CheckPageAsync(applicant, "letters-9-applicant-decision");
        var own = PdfText.Flat(await DownloadAsync(applicant, () => link.ClickAsync()));
        Assert.Contains("Gratulerer, Skien kommune!", own, StringComparison.Ordinal);
        Assert.Contains("kr 260 000", own, StringComparison.Ordinal);
        await applicant.Context.CloseAsync();
    }

    /// <summary>Runs the click and returns the bytes of the file the browser downloaded.</summary>
    private static async Task<byte[]> DownloadAsync(IPage page, Func<Task> click)
    {
        var download = await page.RunAndWaitForDownloadAsync(click);
        Assert.Null(await download.FailureAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static string[] CsvRows(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
}
