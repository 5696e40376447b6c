using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using static Ktu.IntegrationTests.Applications.ApplicationApi;
using static Ktu.IntegrationTests.Applications.ApplicationPagesTests;

namespace Ktu.IntegrationTests.Applications;

/// <summary>The deadline passes while the summary page is open. Moves the clock, so it has a factory of its own.</summary>
public sealed class DeadlinePagesTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private static readonly DateTimeOffset JustAfterDeadline = new(2027, 3, 17, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Submitting_from_a_page_opened_before_the_deadline_is_refused_with_a_clear_message_and_typing_still_saves()
    {
        var api = await factory.ApplicantAsync("5001");
        var id = Id(await SaveAsync(api, Complete(await StartAsync(api))));
        var browser = factory.CreateBrowserClient();
        await LogInAsync(factory, browser, "soker.5001@demo.ktu");
        var summary = await browser.GetStringAsync($"/soknad/{id}/oppsummering");
        var token = Token(summary);
        Assert.Contains("Send inn søknaden", WebUtility.HtmlDecode(summary), StringComparison.Ordinal);

        factory.Time.SetUtcNow(JustAfterDeadline);
        await LogInAsync(factory, browser, "soker.5001@demo.ktu"); // the session ran out with the months that passed

        var submit = await browser.PostAsync($"/soknad/{id}/oppsummering", Form(token, ("Version", VersionOf(summary))));
        var html = WebUtility.HtmlDecode(await submit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Contains("Søknadsfristen gikk ut 17. mars 2027 kl. 23:59, så søknaden kan ikke sendes inn. Det du har skrevet, er lagret.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Send inn søknaden<", html, StringComparison.Ordinal);
        Assert.Equal("draft", (await GetAsync(api = await factory.ApplicantAsync("5001"), id))["status"]!.GetValue<string>());

        var part = await browser.GetStringAsync($"/soknad/{id}/soker");
        var save = await browser.PostAsync($"/soknad/{id}/soker", Form(Token(part), ("Version", VersionOf(part)), ("Description", "Skrevet etter fristen")));
        var saved = WebUtility.HtmlDecode(await save.Content.ReadAsStringAsync());
        Assert.Contains("Lagret kl.", saved, StringComparison.Ordinal);
        Assert.Contains("Søknadsfristen", saved, StringComparison.Ordinal);
    }
}
