using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Features.Schemes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Reporting;

/// <summary>
/// Transfers beyond one year, on a database of its own: the scheme year says how many years ahead unused money may go (1 as a
/// rule); Arendal chooses a year, a year out of range is refused in Norwegian, and the approved transfer lands in the chosen
/// year's pot, not the next year's.
/// </summary>
public sealed class TransferYearsTests : IAsyncLifetime, IDisposable
{
    private const string Embete = "agder";
    private const string Arendal = "4203";
    private readonly KtuFactory _factory = new();

    public async Task InitializeAsync() => await ((IAsyncLifetime)_factory).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_applicant_chooses_a_year_within_the_scheme_years_limit_and_the_approved_transfer_goes_into_that_years_pot()
    {
        var grant = (await Granting.GrantAsync(_factory, Embete, [Arendal], []))[Arendal];
        _factory.Time.SetUtcNow(new DateTimeOffset(2028, 1, 20, 9, 0, 0, TimeSpan.Zero));
        var api = await _factory.ApplicantAsync(Arendal);
        var url = $"/api/v1/grants/{grant}/report";
        var report = Granting.Filled((JsonObject)(await ReadAsync(await api.GetAsync(url)))["report"]!.DeepClone());
        report["unusedFunds"] = "transfer";
        report["transferReason"] = "Opplæringen av nattevakter er flyttet til 2029.";
        report["transferToYear"] = OpenYear + 2;

        // The year allows one year (the default): two years ahead is refused in Norwegian, and the report cannot be sent.
        var saved = await ReadAsync(await api.PutAsJsonAsync(url, new { version = 0, report }));
        var issue = saved["issues"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "transfer-year")!;
        Assert.Equal($"Midlene kan ikke overføres til {OpenYear + 2}. Velg et år fra {OpenYear + 1} til {OpenYear + 1}; ordningsåret tillater ikke lenger overføring.",
            issue["message"]!.GetValue<string>());
        await AttachStatementAsync(api, url);
        var refused = await api.PostAsJsonAsync(url + "/submit", new { version = saved["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        // The directorate's setting for the year allows three years: two ahead is now fine.
        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var scheme = await db.SchemeYears.SingleAsync(s => s.Year == OpenYear);
            scheme.MaxTransferYears = 3;
            await db.SaveChangesAsync();
        }
        var page = await ReadAsync(await api.GetAsync(url));
        Assert.DoesNotContain(page["issues"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "transfer-year");
        var sent = await api.PostAsJsonAsync(url + "/submit", new { version = page["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var officer = await _factory.CreateApiClientAsync("saksbehandler.agder@demo.ktu");
        var version = (await ReadAsync(await officer.GetAsync(url)))["version"]!.GetValue<int>();
        version = (await ReadAsync(await officer.PostAsJsonAsync(url + "/recommend", new { version })))["version"]!.GetValue<int>();
        var leader = await _factory.CreateApiClientAsync("leder.agder@demo.ktu");
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync(url + "/approve", new { version })).StatusCode);

        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var source = await db.SchemeYears.Include(s => s.EducationTypes).Include(s => s.Themes).Include(s => s.ApplicantRules).AsNoTracking().SingleAsync(s => s.Year == OpenYear);
            foreach (var year in new[] { OpenYear + 1, OpenYear + 2 })
            {
                var next = CopySchemeYear.From(source, year, source.ApplicationDeadline.AddYears(year - OpenYear), source.ReportDeadline.AddYears(year - OpenYear));
                next.Pots = [new Ktu.Web.Domain.Pot { EmbeteId = Embete, Amount = 1_000_000 }];
                db.SchemeYears.Add(next);
            }
            await db.SaveChangesAsync();
        }
        var decided = await leader.PostAsJsonAsync($"/api/v1/grants/{grant}/transfer/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(OpenYear + 2, (await ReadAsync(decided))["toYear"]!.GetValue<int>());
        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pots = await db.Pots.AsNoTracking().Where(p => p.EmbeteId == Embete && p.SchemeYear > OpenYear).ToDictionaryAsync(p => p.SchemeYear, p => p.ApprovedTransfers);
            Assert.Equal((0L, 50_000L), (pots[OpenYear + 1], pots[OpenYear + 2]));
        }
    }

    private static async Task AttachStatementAsync(HttpClient api, string url)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Granting.StatementPdf()), "file", "revisor.pdf" }, { new StringContent("auditor-statement"), "kind" } };
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(new Uri(url + "/attachments", UriKind.Relative), form)).StatusCode);
    }
}
