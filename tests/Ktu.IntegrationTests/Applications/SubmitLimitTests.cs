using System.Net;
using System.Text.RegularExpressions;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>
/// Limits against one applicant exhausting the service (issue 16): the receipt e-mails one address gets
/// (Security:ReceiptEmailsPerAddressPerHour), and submits and withdrawals per person (Security:SubmitsPerHour) on the
/// summary page as on the API, one budget for both. Each test has an app of its own with a low limit.
/// </summary>
public sealed partial class SubmitLimitTests : IAsyncLifetime
{
    private readonly List<KtuFactory> _apps = [];

    private const string TooManySubmits = "Du har sendt inn eller trukket søknader mange ganger den siste timen. Vent litt og prøv igjen.";

    private KtuFactory App(string setting, int value)
    {
        var factory = new KtuFactory();
        factory.Settings[setting] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _apps.Add(factory);
        return factory;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Beyond_the_limit_a_resubmission_gets_its_receipt_but_no_more_e_mail_to_the_same_address_until_the_hour_has_passed()
    {
        var factory = App("Security:ReceiptEmailsPerAddressPerHour", 2);
        const string applicant = "soker.5035@demo.ktu";
        var api = await factory.ApplicantAsync("5035");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        var id = Id(draft);

        for (var round = 1; round <= 3; round++)
        {
            using var submitted = await SubmitAsync(api, id);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode); // the submit itself never fails for the e-mail
            using var withdrawn = await api.PostAsync(new Uri($"/api/v1/applications/{id}/withdraw", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        // The third receipt is stored and shown, but neither the applicant nor the contact person got a third e-mail.
        var third = await ReadAsync(await api.GetAsync(new Uri($"/api/v1/applications/{id}/submissions/3", UriKind.Relative)));
        var reference = third["reference"]!.GetValue<string>();
        Assert.Equal(2, await ReceiptsToAsync(factory, applicant, reference));
        Assert.Equal(2, await ReceiptsToAsync(factory, "kari.kontakt@example.org", reference));

        // An hour later the address gets receipts again (a new log-in: the token lasts an hour).
        factory.Time.Advance(TimeSpan.FromMinutes(61));
        api = await factory.ApplicantAsync("5035");
        using var fourth = await SubmitAsync(api, id);
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        Assert.Equal(3, await ReceiptsToAsync(factory, applicant, reference));
    }

    [Fact]
    public async Task The_same_address_in_other_letter_case_does_not_get_round_the_receipt_limit()
    {
        var factory = App("Security:ReceiptEmailsPerAddressPerHour", 1);
        var api = await factory.ApplicantAsync("5036");
        var draft = Complete(await StartAsync(api));
        draft["contact"]!["email"] = "Kari.Kontakt@Example.org";
        var id = Id(await SaveAsync(api, draft));

        using (var first = await SubmitAsync(api, id))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        var withdrawn = await ReadAsync(await api.PostAsync(new Uri($"/api/v1/applications/{id}/withdraw", UriKind.Relative), null));
        withdrawn["contact"]!["email"] = "kari.kontakt@example.org";
        await SaveAsync(api, withdrawn);
        using var second = await SubmitAsync(api, id);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var reference = (await ReadAsync(second))["reference"]!.GetValue<string>();
        Assert.Equal(1, await ReceiptsToAsync(factory, "kari.kontakt@example.org", reference));
    }

    [Fact]
    public async Task The_summary_page_refuses_a_submit_beyond_the_hourly_limit_with_a_Norwegian_message_and_changes_nothing()
    {
        var factory = App("Security:SubmitsPerHour", 2);
        const string applicant = "soker.5037@demo.ktu";
        var api = await factory.ApplicantAsync("5037");
        var id = Id(await SaveAsync(api, Complete(await StartAsync(api))));
        var browser = await factory.CreateSignedInBrowserClientAsync(applicant);
        var summary = $"/soknad/{id}/oppsummering";

        using var submitted = await PostOnPageAsync(browser, summary, handler: null);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        using var withdrawn = await PostOnPageAsync(browser, summary, "Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        using var refused = await PostOnPageAsync(browser, summary, handler: null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(TooManySubmits, await refused.ReadTextAsync(), StringComparison.Ordinal);
        var application = await GetAsync(api, id);
        Assert.Equal("withdrawn", application["status"]!.GetValue<string>());
        Assert.Equal(1, await SubmissionsAsync(factory, id));

        // One budget for the page and the API: the API is closed to this person too.
        using var viaApi = await SubmitAsync(api, id);
        Assert.Equal(HttpStatusCode.TooManyRequests, viaApi.StatusCode);
        Assert.Equal(1, await SubmissionsAsync(factory, id));
    }

    [Fact]
    public async Task The_summary_page_refuses_a_withdrawal_beyond_the_hourly_limit_after_the_api_used_the_budget()
    {
        var factory = App("Security:SubmitsPerHour", 1);
        const string applicant = "soker.5038@demo.ktu";
        var api = await factory.ApplicantAsync("5038");
        var id = Id(await SaveAsync(api, Complete(await StartAsync(api))));
        using (var submitted = await SubmitAsync(api, id))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }
        var browser = await factory.CreateSignedInBrowserClientAsync(applicant);

        using var refused = await PostOnPageAsync(browser, $"/soknad/{id}/oppsummering", "Withdraw");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(TooManySubmits, await refused.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal("submitted", (await GetAsync(api, id))["status"]!.GetValue<string>());
    }

    /// <summary>
    /// A button on the summary page as the browser sends it: the page's antiforgery token, and for the send button the
    /// version the page was read at.
    /// </summary>
    private static async Task<HttpResponseMessage> PostOnPageAsync(HttpClient browser, string summary, string? handler)
    {
        var html = await browser.GetStringAsync(new Uri(summary, UriKind.Relative));
        var fields = new Dictionary<string, string> { [Forms.TokenField] = Forms.AntiforgeryToken(html) };
        if (handler is null)
        {
            var version = VersionInput().Match(html).Groups[1].Value;
            Assert.NotEmpty(version);
            fields["Version"] = version;
        }
        using var content = new FormUrlEncodedContent(fields);
        return await browser.PostAsync(new Uri(handler is null ? summary : $"{summary}?handler={handler}", UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionInput();

    private static async Task<int> ReceiptsToAsync(KtuFactory factory, string address, string reference)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains(reference)).Select(m => m.To).ToListAsync();
        return mails.Count(to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<int> SubmissionsAsync(KtuFactory factory, string id)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var applicationId = Guid.Parse(id);
        return await db.ApplicationSubmissions.CountAsync(s => s.ApplicationId == applicationId);
    }
}
