using System.Net;
using System.Text.RegularExpressions;
using Ktu.IntegrationTests.Infrastructure;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>The applicant's pages over plain HTML forms: who may see them, and what a stale save does.</summary>
public sealed partial class ApplicationPagesTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private static readonly string[] Parts = ["soker", "kompetanse", "bpa", "tiltak", "oppsummering"];

    [Fact]
    public async Task Another_municipality_gets_404_on_every_page_of_an_application()
    {
        var trondheim = await factory.ApplicantAsync("5001");
        var id = Id(await StartAsync(trondheim));
        var submitted = await SaveAsync(trondheim, Complete(await GetAsync(trondheim, id)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(trondheim, id, Version(submitted))).StatusCode);

        var steinkjer = await BrowserLogInAsync("soker.5006@demo.ktu");
        var token = Token(await steinkjer.GetStringAsync("/"));

        foreach (var part in Parts)
        {
            var get = await steinkjer.GetAsync($"/soknad/{id}/{part}");
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {part}: {get.StatusCode}");
            var post = await steinkjer.PostAsync($"/soknad/{id}/{part}", Form(token, ("Version", "1"), ("Description", "Fra Steinkjer")));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {part}: {post.StatusCode}");
        }
        var autosave = await steinkjer.PostAsync($"/soknad/{id}/soker?handler=Autosave", Form(token, ("Version", "1"), ("Description", "Fra Steinkjer")));
        Assert.Equal(HttpStatusCode.NotFound, autosave.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await steinkjer.GetAsync($"/soknad/{id}/kvittering/1")).StatusCode);

        // Trondheim's application is untouched, and Steinkjer's archive does not list it.
        var after = await GetAsync(trondheim, id);
        Assert.Equal("submitted", after["status"]!.GetValue<string>());
        Assert.DoesNotContain(id, await steinkjer.GetStringAsync("/soknader"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_receipt_page_names_the_sender_as_on_the_pdf_copy()
    {
        var levanger = await factory.ApplicantAsync("5037");
        var id = Id(await StartAsync(levanger));
        var submitted = await SaveAsync(levanger, Complete(await GetAsync(levanger, id)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(levanger, id, Version(submitted))).StatusCode);

        var browser = await BrowserLogInAsync("soker.5037@demo.ktu");
        var html = await browser.GetStringAsync($"/soknad/{id}/kvittering/1");
        Assert.Contains("Levanger kommune (org.nr.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_link_on_a_submitted_applications_pages_leads_to_a_page_or_document_that_answers()
    {
        var roros = await factory.ApplicantAsync("5025");
        var id = Id(await StartAsync(roros));
        var submitted = await SaveAsync(roros, Complete(await GetAsync(roros, id)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(roros, id, Version(submitted))).StatusCode);
        var browser = await BrowserLogInAsync("soker.5025@demo.ktu");

        await PageLinks.AssertAllAnswerAsync(browser, await browser.GetStringAsync($"/soknad/{id}/oppsummering"),
            $"/soknad/{id}/soker", $"/soknad/{id}/kompetanse", $"/soknad/{id}/kvittering/1", "/soknader");
        await PageLinks.AssertAllAnswerAsync(browser, await browser.GetStringAsync($"/soknad/{id}/kvittering/1"),
            $"/soknad/{id}/kvittering/1/pdf", $"/api/v1/applications/{id}/submissions/1/snapshot", $"/soknad/{id}/oppsummering");
        await PageLinks.AssertAllAnswerAsync(browser, await browser.GetStringAsync("/soknader"),
            $"/soknad/{id}/oppsummering", $"/soknad/{id}/kvittering/1", $"/soknad/{id}/kvittering/1/pdf");
        await PageLinks.AssertAllAnswerAsync(browser, await browser.GetStringAsync($"/soknad/{id}/kompetanse"), $"/soknad/{id}/oppsummering");
    }

    [Fact]
    public async Task A_save_on_a_stale_version_is_told_about_the_conflict_and_keeps_what_was_typed()
    {
        var browser = await BrowserLogInAsync("soker.5007@demo.ktu");
        var start = await browser.PostAsync($"/soknad/{OpenYear}", Form(Token(await browser.GetStringAsync("/"))));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var partPath = start.Headers.Location!.OriginalString;
        Assert.Matches("^/soknad/[0-9a-f-]{36}/soker$", partPath);

        // Two people open the same part at the same version.
        var page = await browser.GetStringAsync(partPath);
        var token = Token(page);
        var version = VersionOf(page);

        var first = await browser.PostAsync(partPath, Form(token, ("Version", version), ("Description", "Den første teksten")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Lagret kl.", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var second = await browser.PostAsync(partPath, Form(token, ("Version", version), ("Description", "Den andre teksten"), ("AccountNumber", "12a")));
        var html = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Noen andre har lagret søknaden mens du skrev. Det du skrev er ikke lagret ennå", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Den andre teksten</textarea>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"12a\"", html, StringComparison.Ordinal);
        // The earlier save stays; the form now carries the newest version, so saving again is a knowing choice.
        var stored = await browser.GetStringAsync(partPath);
        Assert.Contains("Den første teksten</textarea>", WebUtility.HtmlDecode(stored), StringComparison.Ordinal);
        Assert.Equal(VersionOf(stored), VersionOf(html));
    }

    [Fact]
    public async Task A_submitted_application_is_shown_read_only_and_a_post_changes_nothing()
    {
        var api = await factory.ApplicantAsync("5014");
        var id = Id(await StartAsync(api));
        var draft = await SaveAsync(api, Complete(await GetAsync(api, id)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, id, Version(draft))).StatusCode);
        var browser = await BrowserLogInAsync("soker.5014@demo.ktu");

        var page = await browser.GetStringAsync($"/soknad/{id}/kompetanse");
        Assert.Contains("<fieldset class=\"ktu-plain-fieldset\" disabled=\"disabled\">", page, StringComparison.Ordinal);
        var post = await browser.PostAsync($"/soknad/{id}/kompetanse", Form(Token(page), ("Version", VersionOf(page)), ("CompetenceMeasures[0].Amount", "1")));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Søknaden er sendt inn og kan ikke endres.", WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var after = await GetAsync(api, id);
        Assert.Equal(90_000, after["competenceMeasures"]![0]!["amount"]!.GetValue<long>());
        Assert.Equal(Version(draft) + 1, Version(after)); // only the submission itself counted
    }

    private Task<HttpClient> BrowserLogInAsync(string email) => LogInAsync(factory, factory.CreateBrowserClient(), email);

    internal static async Task<HttpClient> LogInAsync(KtuFactory factory, HttpClient client, string email)
    {
        var token = Token(await client.GetStringAsync("/logg-inn"));
        var response = await client.PostAsync("/logg-inn", Form(token, ("Email", email), ("Password", KtuFactory.DemoPassword)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    internal static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    internal static string Token(string html) => TokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No antiforgery token on the page.");

    internal static string VersionOf(string html) => VersionPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("type=\"hidden\" name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
