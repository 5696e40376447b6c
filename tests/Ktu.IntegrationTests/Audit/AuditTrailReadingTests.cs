using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Applications;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Domain;

namespace Ktu.IntegrationTests.Audit;

/// <summary>
/// Reading the audit trail (GET /api/v1/audit/entries and /revisjonslogg): the administrator reads everything, an embete's
/// leader only the embete's own entries, everyone else is refused; filters by application, person and period, paged.
/// Municipalities in Trøndelag and Innlandet submit applications on this app's own database, a different pair per test.
/// </summary>
public sealed class AuditTrailReadingTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Url = "/api/v1/audit/entries";

    private async Task<string> SubmitAsync(string number)
    {
        var api = await factory.ApplicantAsync(number);
        var doc = await ApplicationApi.SaveAsync(api, ApplicationApi.Complete(await ApplicationApi.StartAsync(api)));
        var id = ApplicationApi.Id(doc);
        Assert.Equal(HttpStatusCode.OK, (await ApplicationApi.SubmitAsync(api, id)).StatusCode);
        return id;
    }

    private static async Task<JsonObject> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(new Uri($"{Url}?{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static List<JsonObject> Entries(JsonObject page) => page["entries"]!.AsArray().Select(e => e!.AsObject()).ToList();

    [Fact]
    public async Task The_administrator_filters_by_application_person_and_period_a_page_at_a_time()
    {
        var steinkjer = await SubmitAsync("5006");
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");

        var own = Entries(await PageAsync(admin, $"applicationId={steinkjer}"));
        var submitted = Assert.Single(own, e => e["action"]!.GetValue<string>() == "application.submitted");
        Assert.Equal("soker.5006@demo.ktu", submitted["actorEmail"]!.GetValue<string>());
        Assert.All(own, e => Assert.Equal(steinkjer, e["entityId"]!.GetValue<string>()));

        var byPerson = Entries(await PageAsync(admin, "person=SOKER.5006"));
        Assert.NotEmpty(byPerson);
        Assert.All(byPerson, e => Assert.Equal("soker.5006@demo.ktu", e["actorEmail"]!.GetValue<string>()));

        var today = NorwayTime.DateOf(factory.Time.GetUtcNow());
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains(Entries(await PageAsync(admin, $"applicationId={steinkjer}&from={Day(today)}&to={Day(today)}")),
            e => e["action"]!.GetValue<string>() == "application.submitted");
        Assert.Equal(0, (await PageAsync(admin, $"applicationId={steinkjer}&from={Day(today.AddDays(1))}"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await PageAsync(admin, $"applicationId={steinkjer}&to={Day(today.AddDays(-1))}"))["total"]!.GetValue<int>());

        var all = await PageAsync(admin, "pageSize=2");
        Assert.True(all["total"]!.GetValue<int>() > 2);
        var first = Entries(all);
        var second = Entries(await PageAsync(admin, "pageSize=2&page=2"));
        Assert.Equal(2, first.Count);
        Assert.True(first[1]["sequence"]!.GetValue<long>() > second[0]["sequence"]!.GetValue<long>()); // newest first, no overlap
    }

    [Fact]
    public async Task A_leader_reads_only_the_embetes_own_entries_and_others_are_refused()
    {
        var steinkjer = await SubmitAsync("5007");
        var hamar = await SubmitAsync("3403");
        var leader = await factory.CreateApiClientAsync("leder.trondelag@demo.ktu");

        Assert.NotEmpty(Entries(await PageAsync(leader, $"applicationId={steinkjer}")));
        Assert.Equal(0, (await PageAsync(leader, $"applicationId={hamar}"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await PageAsync(leader, "person=soker.3403"))["total"]!.GetValue<int>());
        var everything = Entries(await PageAsync(leader, "pageSize=200"));
        Assert.NotEmpty(everything);
        Assert.All(everything, e => Assert.Equal("trondelag", e["embeteId"]?.GetValue<string>()));
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        Assert.NotEmpty(Entries(await PageAsync(admin, $"applicationId={hamar}")));

        foreach (var email in new[] { "saksbehandler.trondelag@demo.ktu", "soker.5006@demo.ktu", "direktorat@demo.ktu" })
        {
            var other = await factory.CreateApiClientAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowserClient().GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Bad_filters_get_a_clear_norwegian_answer()
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        var response = await admin.GetAsync(new Uri($"{Url}?applicationId=KTU-1&from=17.03.2027&to=2027-03-01&pageSize=1000", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("id", errors["applicationId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("åååå-mm-dd", errors["from"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("mellom 1 og 200", errors["pageSize"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var backwards = await admin.GetAsync(new Uri($"{Url}?from=2027-03-17&to=2027-03-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("før fra-datoen", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_the_leader_the_embetes_entries_and_a_bad_date_in_the_error_summary()
    {
        var steinkjer = await SubmitAsync("5014");
        var hamar = await SubmitAsync("3405");
        var leader = await factory.CreateSignedInBrowserClientAsync("leder.trondelag@demo.ktu");
        var own = await (await leader.GetAsync(new Uri($"/revisjonslogg?applicationId={steinkjer}", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("application.submitted", own, StringComparison.Ordinal);
        Assert.Contains("soker.5014@demo.ktu", own, StringComparison.Ordinal);
        var other = await (await leader.GetAsync(new Uri($"/revisjonslogg?applicationId={hamar}", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Ingen innslag passer", other, StringComparison.Ordinal);
        Assert.DoesNotContain("soker.3405", other, StringComparison.Ordinal);
        var bad = await (await leader.GetAsync(new Uri("/revisjonslogg?from=i-går", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("error-summary", bad, StringComparison.Ordinal);
        Assert.Contains("åååå-mm-dd, for eksempel", bad, StringComparison.Ordinal);

        var officer = await factory.CreateSignedInBrowserClientAsync("saksbehandler.trondelag@demo.ktu");
        var refused = await officer.GetAsync(new Uri("/revisjonslogg", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
