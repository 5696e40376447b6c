using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Reporting;

/// <summary>
/// Arranges grants the real way for the reporting tests: complete applications submitted, assessed (score 3, or 0 with a reason
/// for a refusal), the allocation sent and approved by the leader. Returns the grant (decision) id per municipality number.
/// </summary>
internal static class Granting
{
    public static async Task<Dictionary<string, string>> GrantAsync(KtuFactory factory, string embete, IEnumerable<string> granted, IEnumerable<string> refused)
    {
        var officer = await factory.CreateApiClientAsync($"saksbehandler.{embete}@demo.ktu");
        var refusals = refused.ToHashSet(StringComparer.Ordinal);
        foreach (var number in granted.Concat(refusals))
        {
            var api = await factory.ApplicantAsync(number);
            var draft = await SaveAsync(api, Complete(await StartAsync(api)));
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft))).StatusCode);
            var id = Id(draft);
            await factory.AssignAndDeclareAsync(id, $"saksbehandler.{embete}@demo.ktu", officer);
            var refusal = refusals.Contains(number);
            var lines = new[] { "kompetanse-1-videreforing", "kompetanse-1-nye", "bpa-1", "prosjekt-1" }
                .Select(l => new { lineId = l, score = refusal ? 0 : 3, reason = refusal ? "Søknaden gjelder ordinær drift, ikke kompetanse eller utvikling." : null })
                .ToArray();
            Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines, completed = true })).StatusCode);
        }
        var round = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}"));
        var submitted = await officer.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = round["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await factory.PassApplicationDeadlineAsync(embete, OpenYear);
        var approver = await factory.CreateApiClientAsync($"leder.{embete}@demo.ktu");
        var approved = await approver.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { version = (await ReadAsync(submitted))["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var grants = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var d in await db.GrantDecisions.Where(d => d.EmbeteId == embete && d.SchemeYear == OpenYear).ToListAsync())
        {
            grants[(await db.Organisations.SingleAsync(o => o.Id == d.OrganisationId)).MunicipalityNumber!] = d.Id.ToString();
        }
        return grants;
    }

    /// <summary>The report document of the municipality's grant for <paramref name="year"/>, as its applicant reads it.</summary>
    public static async Task<JsonObject> GrantedReportAsync(KtuFactory factory, string number, int year)
    {
        var api = await factory.ApplicantAsync(number);
        var applications = JsonNode.Parse(await api.GetStringAsync("/api/v1/applications"))!.AsArray();
        var application = applications.Single(a => a!["schemeYear"]!.GetValue<int>() == year)!["id"]!.GetValue<string>();
        var grant = (await ReadAsync(await api.GetAsync($"/api/v1/applications/{application}/decision")))["id"]!.GetValue<string>();
        return await ReadAsync(await api.GetAsync($"/api/v1/grants/{grant}/report"));
    }

    /// <summary>A one-page PDF standing in for the auditor's statement.</summary>
    public static byte[] StatementPdf()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        page.AddText("Uavhengig revisors uttalelse (ISA 805)", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 780), font);
        return builder.Build();
    }

    /// <summary>The prefilled report with every figure and text filled in; the project (line 4) spent <paramref name="projectSpent"/>.</summary>
    public static JsonObject Filled(JsonObject report, long projectSpent = 100_000)
    {
        foreach (var c in report["competence"]!.AsArray())
        {
            c!["completed"] = c["personsGranted"]!.GetValue<int>();
            c["ongoing"] = 0;
            c["droppedOut"] = 0;
        }
        report["bpa"]![0]!["personsTrained"] = 4;
        var project = report["projects"]![0]!;
        foreach (var field in new[] { "userExperiences", "reducedCompensatingServices", "qualitativeGains", "economicGains", "transferValue" })
        {
            project[field] = "Brukerne og de ansatte er godt fornøyde; tiltaket videreføres.";
        }
        project["innovationMethodUsed"] = false;
        report["staff"] = new JsonObject { ["fteYearBefore"] = 412.5, ["fteGrantYear"] = 418.2 };
        long[] spent = [30_000, 60_000, 20_000, projectSpent];
        for (var i = 0; i < spent.Length; i++)
        {
            report["accounts"]![i]!["spent"] = spent[i];
        }
        if (projectSpent != 150_000)
        {
            report["accounts"]![3]!["explanation"] = "Utstyret ble rimeligere enn budsjettert.";
        }
        return report;
    }
}
