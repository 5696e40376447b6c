using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Reporting;

/// <summary>With Demo:ReportYear (as ./run.sh sets it) a newcomer finds this year decided and paid and can write a report today.</summary>
public sealed class DemoReportYearTests : IAsyncLifetime, IDisposable
{
    private readonly KtuFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["Demo:ReportYear"] = "true";
        await ((IAsyncLifetime)_factory).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task This_year_is_decided_and_paid_and_the_demo_applicant_can_report_at_once()
    {
        var year = OpenYear - 1;
        var officer = await _factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var overview = await ReadAsync(await officer.GetAsync($"/api/v1/reports?year={year}"));
        Assert.Equal(11, overview["counts"]!["total"]!.GetValue<int>());
        Assert.Equal(1, overview["counts"]!["submitted"]!.GetValue<int>());
        Assert.All(overview["reports"]!.AsArray(), r => Assert.True(r!["paid"]!.GetValue<bool>()));

        var trondheim = await _factory.ApplicantAsync("5001");
        var applications = System.Text.Json.Nodes.JsonNode.Parse(await trondheim.GetStringAsync("/api/v1/applications"))!.AsArray();
        var application = applications.Single(a => a!["schemeYear"]!.GetValue<int>() == year)!["id"]!.GetValue<string>();
        var decision = await ReadAsync(await trondheim.GetAsync($"/api/v1/applications/{application}/decision"));
        var grant = decision["id"]!.GetValue<string>();
        var report = await ReadAsync(await trondheim.GetAsync($"/api/v1/grants/{grant}/report"));
        Assert.True(report["canWrite"]!.GetValue<bool>());
        var saved = await trondheim.PutAsJsonAsync($"/api/v1/grants/{grant}/report", new { version = 0, report = report["report"] });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        // The archive says the year is decided and leads to the decision, not "Sendt inn" as before the decision.
        var browser = await Ktu.IntegrationTests.Applications.ApplicationPagesTests.LogInAsync(_factory, _factory.CreateBrowserClient(), "soker.5001@demo.ktu");
        var archive = await browser.GetStringAsync("/soknader");
        var section = archive[archive.IndexOf($"id=\"archive-{year}\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("<strong>Vedtak fattet</strong>", section, StringComparison.Ordinal);
        Assert.Contains($"href=\"/soknad/{application}/vedtak\"", section, StringComparison.Ordinal);

        // Steinkjer has sent its report, so the case officer has one to check.
        var steinkjer = overview["reports"]!.AsArray().Single(r => r!["applicant"]!.GetValue<string>().StartsWith("Steinkjer", StringComparison.Ordinal))!;
        Assert.Equal("submitted", steinkjer["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_application_shows_the_officer_that_last_years_report_is_missing()
    {
        var oppdal = await SubmitAsync("5021");
        var steinkjer = await SubmitAsync("5006");
        var officer = await _factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var inbox = await ReadAsync(await officer.GetAsync($"/api/v1/cases?year={OpenYear}"));
        var items = inbox["items"]!.AsArray();
        Assert.Equal([OpenYear - 1], items.Single(i => i!["applicationId"]!.GetValue<string>() == oppdal)!["missingReportYears"]!.AsArray().Select(y => y!.GetValue<int>()));
        Assert.Empty(items.Single(i => i!["applicationId"]!.GetValue<string>() == steinkjer)!["missingReportYears"]!.AsArray());

        var browser = await _factory.CreateSignedInBrowserClientAsync("saksbehandler.trondelag@demo.ktu");
        var page = await browser.GetStringAsync($"/saksbehandling/sak/{oppdal}");
        Assert.Contains($"har ikke sendt rapport for tilskuddet for {OpenYear - 1}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("har ikke sendt rapport", await browser.GetStringAsync($"/saksbehandling/sak/{steinkjer}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_reallocation_moves_money_to_a_line_of_its_own_in_the_report()
    {
        var year = OpenYear - 1;
        var applicant = await _factory.ApplicantAsync("5021");
        var applications = System.Text.Json.Nodes.JsonNode.Parse(await applicant.GetStringAsync("/api/v1/applications"))!.AsArray();
        var application = applications.Single(a => a!["schemeYear"]!.GetValue<int>() == year)!["id"]!.GetValue<string>();
        var grant = (await ReadAsync(await applicant.GetAsync($"/api/v1/applications/{application}/decision")))["id"]!.GetValue<string>();
        var before = await ReadAsync(await applicant.GetAsync($"/api/v1/grants/{grant}/report"));
        var project = before["report"]!["accounts"]!.AsArray().Single(a => a!["lineId"]!.GetValue<string>().StartsWith("prosjekt", StringComparison.Ordinal))!;
        var projectGranted = project["granted"]!.GetValue<long>();
        var url = $"/api/v1/grants/{grant}/reallocations";

        Assert.Equal(HttpStatusCode.BadRequest, (await applicant.PostAsJsonAsync(url, new { fromLineId = "prosjekt-1", amount = projectGranted + 1, purpose = "x", reason = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await applicant.PostAsJsonAsync(url, new { fromLineId = "finnes-ikke", amount = 1000, purpose = "x", reason = "y" })).StatusCode);
        var requested = await applicant.PostAsJsonAsync(url, new { fromLineId = "prosjekt-1", amount = 20_000, purpose = "Opplæring i velferdsteknologi for nattevakter", reason = "Utstyret ble rimeligere." });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var id = (await ReadAsync(requested))["id"]!.GetValue<string>();
        var officer = await _factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"{url}/{id}/decision", new { approve = false, version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"{url}/{id}/decision", new { approve = true, version = 1 })).StatusCode);

        var after = await ReadAsync(await applicant.GetAsync($"/api/v1/grants/{grant}/report"));
        var accounts = after["report"]!["accounts"]!.AsArray();
        Assert.Equal(projectGranted - 20_000, accounts.Single(a => a!["lineId"]!.GetValue<string>() == "prosjekt-1")!["granted"]!.GetValue<long>());
        var moved = accounts.Single(a => a!["lineId"]!.GetValue<string>().StartsWith("omdisponert-", StringComparison.Ordinal))!;
        Assert.Equal(20_000, moved["granted"]!.GetValue<long>());
        Assert.Equal("Opplæring i velferdsteknologi for nattevakter", moved["label"]!.GetValue<string>());
        Assert.Equal(after["amountGranted"]!.GetValue<long>(), accounts.Sum(a => a!["granted"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_new_application_offers_the_persons_still_in_education_in_the_last_report_as_continuing()
    {
        var steinkjer = await _factory.ApplicantAsync("5006");
        var draft = await StartAsync(steinkjer);
        var offered = await ReadAsync(await steinkjer.GetAsync($"/api/v1/applications/{Id(draft)}/continuing-from-report"));
        Assert.Equal(OpenYear - 1, offered["fromYear"]!.GetValue<int>());
        var persons = offered["persons"]!.AsArray();
        Assert.NotEmpty(persons);
        // One person of each reported competence line was still in education; two lines of one type add up.
        Assert.All(persons, p => Assert.InRange(p!["persons"]!.GetValue<int>(), 1, 2));

        // Someone who has sent no report is offered nothing; another organisation's application is not found.
        var oppdal = await _factory.ApplicantAsync("5021");
        var oppdalDraft = await StartAsync(oppdal);
        Assert.Null((await ReadAsync(await oppdal.GetAsync($"/api/v1/applications/{Id(oppdalDraft)}/continuing-from-report")))["fromYear"]);
        Assert.Equal(HttpStatusCode.NotFound, (await oppdal.GetAsync($"/api/v1/applications/{Id(draft)}/continuing-from-report")).StatusCode);

        var browser = await _factory.CreateSignedInBrowserClientAsync("soker.5006@demo.ktu");
        var page = await browser.GetStringAsync($"/soknad/{Id(draft)}/kompetanse");
        Assert.Contains($"I rapporten for {OpenYear - 1} var disse fortsatt under utdanning", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditors_statement_postponed_last_year_is_owed_with_this_years_report()
    {
        // Arrange: Steinkjer's sent report for last year postponed the statement to cover two years.
        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Ktu.Web.Data.AppDbContext>();
            var organisation = await db.Organisations.SingleAsync(o => o.MunicipalityNumber == "5006");
            var last = await db.GrantReports.SingleAsync(r => r.OrganisationId == organisation.Id && r.SchemeYear == OpenYear - 1);
            db.Entry(last).Property(r => r.Document).CurrentValue = Ktu.Web.Domain.Reporting.ReportJson.Serialize(last.ReadContent() with { AuditorStatementPostponed = true });
            await db.SaveChangesAsync();
        }
        var grants = await Granting.GrantAsync(_factory, "trondelag", ["5006"], []);
        var steinkjer = await _factory.ApplicantAsync("5006");
        var report = await ReadAsync(await steinkjer.GetAsync($"/api/v1/grants/{grants["5006"]}/report"));
        Assert.Equal("auditorStatement", report["evidence"]!.GetValue<string>());
        Assert.False(report["mayPostponeStatement"]!.GetValue<bool>());
        Assert.Contains(report["issues"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "statement-owed");

        // In the report window the applicant postpones again with this year's spending below the threshold: not allowed,
        // and the embete's overview counts the statement as missing.
        _factory.Time.SetUtcNow(new DateTimeOffset(OpenYear + 1, 1, 15, 9, 0, 0, TimeSpan.Zero));
        var filled = Granting.Filled((System.Text.Json.Nodes.JsonObject)report["report"]!.DeepClone(), projectSpent: 0);
        filled["auditorStatementPostponed"] = true;
        steinkjer = await _factory.ApplicantAsync("5006");
        var saved = await steinkjer.PutAsJsonAsync($"/api/v1/grants/{grants["5006"]}/report", new { version = report["version"]!.GetValue<int>(), report = filled });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains((await ReadAsync(saved))["issues"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "postpone-not-allowed");
        var officer = await _factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var overview = await ReadAsync(await officer.GetAsync($"/api/v1/reports?year={OpenYear}"));
        var row = overview["reports"]!.AsArray().Single(r => r!["grantId"]!.GetValue<string>() == grants["5006"])!;
        Assert.Equal("auditorStatement", row["evidence"]!.GetValue<string>());
        Assert.True(row["evidenceMissing"]!.GetValue<bool>());
        // Someone without a postponed statement owes nothing extra.
        var oppdal = await Granting.GrantedReportAsync(_factory, "5021", OpenYear - 1);
        Assert.DoesNotContain(oppdal["issues"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "statement-owed");
    }

    private async Task<string> SubmitAsync(string municipality)
    {
        var api = await _factory.ApplicantAsync(municipality);
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await Ktu.IntegrationTests.Applications.ApplicationApi.SubmitAsync(api, Id(draft))).StatusCode);
        return Id(draft);
    }
}
