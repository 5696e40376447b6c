using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.TestSupport;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Reporting;

/// <summary>
/// The report after the grant, in Møre og Romsdal on a database of its own: Ørsta is granted its whole application
/// (kr 260 000, at or above the auditor threshold) and Hareid refused, through the real assessment and four-eyes approval;
/// then the clock moves into the 2027 report window (1 January to 1 March 2028) and Ørsta reports.
/// </summary>
public sealed class ReportingFlowTests(ReportingFlowTests.Fixture fixture) : IClassFixture<ReportingFlowTests.Fixture>
{
    private const string Embete = "more-og-romsdal";
    private const string Officer = "saksbehandler.more-og-romsdal@demo.ktu";
    private const string Approver = "leder.more-og-romsdal@demo.ktu";
    private const string Orsta = "1520";
    private const string Hareid = "1517";
    private const string Alesund = "1508";

    public sealed class Fixture : IAsyncLifetime
    {
        public KtuFactory Factory { get; } = new();
        public Dictionary<string, string> Grants { get; } = [];
        /// <summary>The answer to a save before the window opened.</summary>
        public JsonObject BeforeWindow { get; private set; } = null!;
        public JsonObject Prefilled { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Factory).InitializeAsync();
            foreach (var (number, grant) in await Granting.GrantAsync(Factory, Embete, [Orsta], [Hareid]))
            {
                Grants[number] = grant;
            }
            var orsta = await Factory.ApplicantAsync(Orsta);
            Prefilled = await ReadAsync(await orsta.GetAsync($"/api/v1/grants/{Grants[Orsta]}/report"));
            BeforeWindow = await ReadAsync(await orsta.PutAsJsonAsync($"/api/v1/grants/{Grants[Orsta]}/report", new { version = 0, report = Prefilled["report"] }));
            Factory.Time.SetUtcNow(new DateTimeOffset(2028, 1, 15, 9, 0, 0, TimeSpan.Zero));
        }

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
    }

    private KtuFactory Factory => fixture.Factory;

    [Fact]
    public void The_report_is_prefilled_from_the_grant_and_cannot_be_written_before_the_window_opens()
    {
        var p = fixture.Prefilled;
        Assert.Equal(0, p["version"]!.GetValue<int>());
        Assert.Equal("2028-01-01", p["opens"]!.GetValue<string>());
        Assert.Equal("2028-03-01", p["deadline"]!.GetValue<string>());
        var competence = p["report"]!["competence"]!.AsArray();
        Assert.Equal([1, 2], competence.Select(c => c!["personsGranted"]!.GetValue<int>()));
        Assert.Equal(4, p["report"]!["bpa"]![0]!["personsGranted"]!.GetValue<int>());
        Assert.Equal([30_000L, 60_000L, 20_000L, 150_000L], p["report"]!["accounts"]!.AsArray().Select(a => a!["granted"]!.GetValue<long>()));
        Assert.Equal("auditorStatement", p["evidence"]!.GetValue<string>());
        Assert.Equal("report-not-open", fixture.BeforeWindow["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_report_is_written_sent_back_corrected_with_the_auditors_statement_and_approved_with_four_eyes()
    {
        var grant = fixture.Grants[Orsta];
        var orsta = await Factory.ApplicantAsync(Orsta);
        var officer = await Factory.CreateApiClientAsync(Officer);
        var approver = await Factory.CreateApiClientAsync(Approver);
        var url = $"/api/v1/grants/{grant}/report";

        // First save: half done, and an attempt to raise what was granted, which is not taken.
        var report = (JsonObject)fixture.Prefilled["report"]!.DeepClone();
        report["accounts"]![0]!["granted"] = 1;
        report["accounts"]![0]!["spent"] = 30_000;
        var saved = await ReadAsync(await orsta.PutAsJsonAsync(url, new { version = 0, report }));
        Assert.Equal(1, saved["version"]!.GetValue<int>());
        Assert.Equal(30_000, saved["report"]!["accounts"]![0]!["granted"]!.GetValue<long>());
        Assert.Contains(saved["issues"]!.AsArray(), i => i!["severity"]!.GetValue<string>() == "error");

        // A stale version is refused and nothing is saved.
        var stale = await orsta.PutAsJsonAsync(url, new { version = 0, report });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("version-conflict", (await ReadAsync(stale))["code"]!.GetValue<string>());

        var refused = await orsta.PostAsJsonAsync(url + "/submit", new { version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("report-has-errors", (await ReadAsync(refused))["code"]!.GetValue<string>());

        // Complete: the project spent 100 000 of 150 000, so the variance needs explaining and the 50 000 left needs a choice.
        report = Granting.Filled(report);
        report["accounts"]![3]!["explanation"] = null;
        var withoutExplanation = await ReadAsync(await orsta.PutAsJsonAsync(url, new { version = 1, report }));
        Assert.True(withoutExplanation["issues"] is not null, withoutExplanation.ToJsonString());
        Assert.Contains(withoutExplanation["issues"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "variance-unexplained");
        Assert.Equal(50_000, withoutExplanation["unused"]!.GetValue<long>());
        report["accounts"]![3]!["explanation"] = "Utstyret ble rimeligere enn budsjettert.";
        report["unusedFunds"] = "transfer";
        report["transferReason"] = "Pengene skal brukes til opplæring i tredje sone i 2028.";
        var complete = await ReadAsync(await orsta.PutAsJsonAsync(url, new { version = 2, report }));
        Assert.DoesNotContain(complete["issues"]!.AsArray(), i => i!["severity"]!.GetValue<string>() == "error");
        Assert.Contains(complete["issues"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "evidence-missing");

        var sent = await orsta.PostAsJsonAsync(url + "/submit", new { version = 3 });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var receipt = await ReadAsync(sent);
        Assert.Equal(1, receipt["number"]!.GetValue<int>());
        Assert.Matches("^[0-9a-f]{64}$", receipt["sha256"]!.GetValue<string>());
        Assert.EndsWith("-R", receipt["reference"]!.GetValue<string>(), StringComparison.Ordinal);
        // A double click gives the same receipt.
        var again = await ReadAsync(await orsta.PostAsJsonAsync(url + "/submit", new { version = 3 }));
        Assert.Equal(receipt["sha256"]!.GetValue<string>(), again["sha256"]!.GetValue<string>());
        var copy = PdfText.Lines(await orsta.GetByteArrayAsync(receipt["pdfUrl"]!.GetValue<string>()));
        Assert.Contains("Ørsta", copy, StringComparison.Ordinal);
        Assert.Contains(receipt["sha256"]!.GetValue<string>(), copy, StringComparison.Ordinal);
        Assert.Contains("Søker om å overføre til neste år", copy, StringComparison.Ordinal);

        // The embete's overview: sent, statement missing, transfer asked for.
        var overview = await ReadAsync(await officer.GetAsync($"/api/v1/reports?year={OpenYear}"));
        var row = overview["reports"]!.AsArray().Single(r => r!["grantId"]!.GetValue<string>() == grant)!;
        Assert.Equal("submitted", row["state"]!.GetValue<string>());
        Assert.True(row["evidenceMissing"]!.GetValue<bool>());
        Assert.True(row["transferRequested"]!.GetValue<bool>());
        Assert.Equal(1, overview["counts"]!["submitted"]!.GetValue<int>());
        Assert.Single((await ReadAsync(await officer.GetAsync($"/api/v1/reports?year={OpenYear}&filter=transfer")))["reports"]!.AsArray());

        // Four eyes: not approved before a case officer has recommended it, never by the one who recommended it, never without the statement.
        var version = complete["version"]!.GetValue<int>() + 1;
        Assert.Equal("report-not-recommended", await CodeAsync(await approver.PostAsJsonAsync(url + "/approve", new { version })));
        var recommended = await ReadAsync(await officer.PostAsJsonAsync(url + "/recommend", new { version }));
        version = recommended["version"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(url + "/approve", new { version })).StatusCode);
        Assert.Equal("evidence-missing", await CodeAsync(await approver.PostAsJsonAsync(url + "/approve", new { version })));

        // Sent back with a reason: the applicant gets an e-mail, attaches the statement and sends again.
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync(url + "/return", new { version, reason = " " })).StatusCode);
        var returned = await ReadAsync(await officer.PostAsJsonAsync(url + "/return", new { version, reason = "Revisorattestasjonen mangler." }));
        Assert.Equal("returned", returned["status"]!.GetValue<string>());
        var mine = await ReadAsync(await orsta.GetAsync(url));
        Assert.Equal("Revisorattestasjonen mangler.", mine["returnedReason"]!.GetValue<string>());

        var statement = await orsta.GetByteArrayAsync(receipt["pdfUrl"]!.GetValue<string>());
        var uploaded = await UploadAsync(orsta, grant, statement, "revisor.pdf");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var attachment = await ReadAsync(uploaded);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(statement)), attachment["sha256"]!.GetValue<string>());
        Assert.Equal(statement, await officer.GetByteArrayAsync($"{url}/attachments/{attachment["id"]}"));

        mine = await ReadAsync(await orsta.GetAsync(url));
        Assert.True(mine["evidenceInPlace"]!.GetValue<bool>());
        var second = await ReadAsync(await orsta.PostAsJsonAsync(url + "/submit", new { version = mine["version"]!.GetValue<int>() }));
        Assert.Equal(2, second["number"]!.GetValue<int>());
        Assert.Equal(2, JsonNode.Parse(await orsta.GetStringAsync(url + "/submissions"))!.AsArray().Count);

        version = (await ReadAsync(await officer.GetAsync(url)))["version"]!.GetValue<int>();
        version = (await ReadAsync(await officer.PostAsJsonAsync(url + "/recommend", new { version })))["version"]!.GetValue<int>();
        var approved = await approver.PostAsJsonAsync(url + "/approve", new { version });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await ReadAsync(approved))["status"]!.GetValue<string>());
        Assert.Equal("report-approved", await CodeAsync(await orsta.PutAsJsonAsync(url, new { version = version + 1, report })));

        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actions = await db.AuditEntries.Where(e => e.EntityId == grant && e.Action.StartsWith("report.")).Select(e => e.Action).ToListAsync();
        Assert.Equal(2, actions.Count(a => a == "report.submitted"));
        Assert.Contains("report.returned", actions);
        Assert.Contains("report.attachment-uploaded", actions);
        Assert.Single(actions, a => a == "report.approved");
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.Subject.StartsWith("Rapporten for tilskudd") && m.Body.Contains("Revisorattestasjonen mangler.")));
        // Both sent copies are kept, each with the checksum its receipt gave.
        var copies = await db.GrantReportSubmissions.Where(s => s.GrantDecisionId == Guid.Parse(grant)).OrderBy(s => s.Number).ToListAsync();
        Assert.Equal(receipt["sha256"]!.GetValue<string>(), copies[0].Sha256);
        Assert.Equal(copies[0].Sha256, Ktu.Web.Domain.Applications.ApplicationJson.Sha256(copies[0].Snapshot));
    }

    [Theory]
    [InlineData("text", "not-pdf")]
    [InlineData("javascript", "active")]
    [InlineData("empty", "empty")]
    public async Task A_file_that_is_not_a_plain_pdf_is_refused_and_nothing_is_stored(string kind, string expected)
    {
        var grant = fixture.Grants[Orsta];
        var orsta = await Factory.ApplicantAsync(Orsta);
        var bytes = kind switch
        {
            "text" => Encoding.UTF8.GetBytes("Dette er ikke en PDF, bare en tekst med feil navn."),
            "javascript" => Encoding.Latin1.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"),
            _ => [],
        };
        var before = await AttachmentCountAsync();
        var response = await UploadAsync(orsta, grant, bytes, "revisor.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await ReadAsync(response))["errors"]!["file"]![0]!.GetValue<string>();
        Assert.Contains(expected switch { "not-pdf" => "ikke en PDF", "active" => "skript", _ => "tom" }, message, StringComparison.Ordinal);
        Assert.Equal(before, await AttachmentCountAsync());
    }

    [Fact]
    public async Task A_50_MB_upload_is_refused_with_a_clear_message_and_nothing_is_stored()
    {
        var grant = fixture.Grants[Orsta];
        var orsta = await Factory.ApplicantAsync(Orsta);
        var before = await AttachmentCountAsync();
        var big = new byte[50 * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(big);
        var response = await UploadAsync(orsta, grant, big, "stor.pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("for stor", (await ReadAsync(response))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await AttachmentCountAsync());
    }

    [Fact]
    public async Task Another_organisation_another_embete_and_a_refusal_find_no_report()
    {
        var grant = fixture.Grants[Orsta];
        var alesund = await Factory.ApplicantAsync(Alesund);
        Assert.Equal(HttpStatusCode.NotFound, (await alesund.GetAsync($"/api/v1/grants/{grant}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alesund.PutAsJsonAsync($"/api/v1/grants/{grant}/report", new { version = 0, report = new { } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(alesund, grant, "%PDF-1.4"u8.ToArray(), "x.pdf")).StatusCode);
        var otherOfficer = await Factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.GetAsync($"/api/v1/grants/{grant}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.PostAsJsonAsync($"/api/v1/grants/{grant}/report/return", new { version = 1, reason = "x" })).StatusCode);
        Assert.DoesNotContain(grant, (await otherOfficer.GetStringAsync($"/api/v1/reports?year={OpenYear}")), StringComparison.Ordinal);
        var hareid = await Factory.ApplicantAsync(Hareid);
        Assert.Equal(HttpStatusCode.NotFound, (await hareid.GetAsync($"/api/v1/grants/{fixture.Grants[Hareid]}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await otherOfficer.GetAsync($"/api/v1/reports?year={OpenYear}&filter=alle")).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient api, string grant, byte[] bytes, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        form.Add(new StringContent("auditor-statement"), "kind");
        return await api.PostAsync(new Uri($"/api/v1/grants/{grant}/report/attachments", UriKind.Relative), form);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) => (await ReadAsync(response))["code"]?.GetValue<string>();

    private async Task<int> AttachmentCountAsync()
    {
        await using var scope = Factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ReportAttachments.CountAsync();
    }
}
