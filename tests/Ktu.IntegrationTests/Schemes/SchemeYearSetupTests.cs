using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Applications;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Features.Applications;
using Ktu.Web.Features.GrantLetters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Schemes;

/// <summary>
/// The directorate prepares a scheme year and its pots over the API (PUT /api/v1/schemes/{year}, /publish, /pots), an embete
/// sets its own deadlines, and published years stay as they were. Each test works on a year of its own, copied from the open one.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class SchemeYearSetupTests(KtuFactory factory)
{
    private const string Directorate = "direktorat@demo.ktu";

    /// <summary>A new year in preparation, copied from the open demo year through the copy page.</summary>
    private async Task NewYearAsync(int year)
    {
        var browser = await factory.CreateSignedInBrowserClientAsync(Directorate);
        using var response = await browser.SubmitFormAsync("/ordningsar/ny", new Dictionary<string, string>
        {
            ["SourceYear"] = ApplicationApi.OpenYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Deadline"] = $"{year}-03-17",
            ["ReportDeadline"] = $"{year + 1}-03-01",
            ["Name"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PutAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static int VersionOf(JsonElement scheme) => scheme.GetProperty("version").GetInt32();

    [Fact]
    public async Task The_directorate_changes_every_rule_of_a_year_in_preparation_and_the_history_shows_before_and_after()
    {
        await NewYearAsync(2041);
        var api = await factory.CreateApiClientAsync(Directorate);
        var before = await GetAsync(api, "/api/v1/schemes/2041");
        Assert.Equal("preparation", before.GetProperty("status").GetString());
        Assert.False(before.GetProperty("open").GetBoolean());

        var (status, after) = await PutAsync(api, "/api/v1/schemes/2041", new
        {
            version = VersionOf(before),
            name = "Kompetanse- og tjenesteutviklingstilskudd (prøve)",
            goalText = "Målet er flere med fagutdanning i omsorgstjenesten.",
            projectPartName = "Utviklingsprosjekter",
            applicationDeadline = "2041-04-01",
            reportDeadline = "2042-02-15",
            maxProjects = 3,
            auditorThreshold = 150_000,
            auditorComparison = "above",
            reportVariancePercent = 15,
            maxTransferYears = 2,
            districtFromCentrality = 5,
            educationTypes = new[] { new { code = "vgs", name = "Videregående opplæring" }, new { code = "bachelor", name = "Bachelorutdanning" } },
            themes = new[]
            {
                new { code = "avlastning", name = "Avlastning for pårørende", earmarked = true },
                new { code = "demens", name = "Demensomsorg", earmarked = true },
            },
            applicantRules = new object[]
            {
                new { applicantType = "municipality", parts = new[] { "competence", "projects" }, onlyEducationTypes = Array.Empty<string>() },
                new { applicantType = "countyMunicipality", parts = new[] { "competence" }, onlyEducationTypes = new[] { "vgs" } },
            },
            allocationDefaults = new { scoreWeights = new[] { 10, 20, 30, 40, 50 }, districtWeightPercent = 150, minimumAmount = 5_000, roundingUnit = 100 },
            fixedLetterTexts = new Dictionary<string, string> { ["noAppeal"] = "Vedtaket kan ikke påklages ({embete})." },
        });
        Assert.True(status == HttpStatusCode.OK, after.ToString());
        Assert.Equal(VersionOf(before) + 1, VersionOf(after));

        var read = await GetAsync(api, "/api/v1/schemes/2041");
        Assert.Equal(3, read.GetProperty("maxProjects").GetInt32());
        Assert.Equal(150_000, read.GetProperty("auditorThreshold").GetInt64());
        Assert.Equal("above", read.GetProperty("auditorComparison").GetString());
        Assert.Equal(15, read.GetProperty("reportVariancePercent").GetInt32());
        Assert.Equal(2, read.GetProperty("maxTransferYears").GetInt32());
        Assert.Equal(5, read.GetProperty("districtFromCentrality").GetInt32());
        Assert.Equal("Utviklingsprosjekter", read.GetProperty("projectPartName").GetString());
        Assert.Equal(["vgs", "bachelor"], read.GetProperty("educationTypes").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        Assert.True(read.GetProperty("themes").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "demens").GetProperty("earmarked").GetBoolean());
        Assert.Equal(["countyMunicipality", "municipality"],
            read.GetProperty("applicantRules").EnumerateArray().Select(r => r.GetProperty("applicantType").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(150, read.GetProperty("allocationDefaults").GetProperty("districtWeightPercent").GetInt32());
        var letter = read.GetProperty("fixedLetterTexts");
        Assert.Equal("Vedtaket kan ikke påklages ({embete}).", letter.GetProperty("noAppeal").GetString());
        Assert.Equal("Målet er flere med fagutdanning i omsorgstjenesten.", letter.GetProperty("purpose").GetString());
        Assert.StartsWith("Samlet tilskudd er over", letter.GetProperty("auditorRequired").GetString(), StringComparison.Ordinal);

        // The year's letter template is made from these rules.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var context = await LetterContext.LoadAsync(db, "trondelag", 2041, CancellationToken.None);
            Assert.Equal("Målet er flere med fagutdanning i omsorgstjenesten.", context.Template.Fixed.Purpose);
            Assert.Equal(new DateOnly(2042, 2, 15), context.Template.ReportDeadline);
        }

        var history = await GetAsync(await factory.CreateApiClientAsync("saksbehandler.innlandet@demo.ktu"), "/api/v1/schemes/2041/history");
        var change = history.EnumerateArray().First(h => h.GetProperty("action").GetString() == "scheme.changed");
        Assert.Equal(Directorate, change.GetProperty("by").GetString());
        Assert.Equal(5, change.GetProperty("before").GetProperty("maxProjects").GetInt32());
        Assert.Equal(3, change.GetProperty("after").GetProperty("maxProjects").GetInt32());
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("action").GetString() == "scheme.copied");
    }

    [Fact]
    public async Task Wrong_input_gives_field_errors_in_Norwegian_and_changes_nothing()
    {
        await NewYearAsync(2042);
        var api = await factory.CreateApiClientAsync(Directorate);
        var before = await GetAsync(api, "/api/v1/schemes/2042");

        var (status, problem) = await PutAsync(api, "/api/v1/schemes/2042", new
        {
            version = VersionOf(before),
            name = "",
            applicationDeadline = "2043-01-10",
            maxProjects = -1,
            auditorThreshold = -5,
            auditorComparison = "sometimes",
            reportVariancePercent = 101,
            maxTransferYears = 6,
            districtFromCentrality = 7,
            educationTypes = new[] { new { code = "Bad Code!", name = "x" }, new { code = "vgs", name = "a" }, new { code = "vgs", name = "b" } },
            applicantRules = new[] { new { applicantType = "hospital", parts = new[] { "surgery" }, onlyEducationTypes = new[] { "nope" } } },
            allocationDefaults = new { scoreWeights = new[] { 1, 2 }, districtWeightPercent = 50, minimumAmount = -1, roundingUnit = 0 },
            fixedLetterTexts = new Dictionary<string, string> { ["secret"] = "x", ["payment"] = "Til {kontonummer}." },
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[]
        {
            "name", "applicationDeadline", "maxProjects", "auditorThreshold", "auditorComparison", "reportVariancePercent", "maxTransferYears",
            "districtFromCentrality", "educationTypes[0].code", "educationTypes[2].code", "applicantRules[0].applicantType",
            "applicantRules[0].parts", "applicantRules[0].onlyEducationTypes", "allocationDefaults.scoreWeights",
            "allocationDefaults.districtWeightPercent", "allocationDefaults.minimumAmount", "allocationDefaults.roundingUnit",
            "fixedLetterTexts.secret", "fixedLetterTexts.payment",
        })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }
        Assert.Contains("{kontonummer}", errors.GetProperty("fixedLetterTexts.payment")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Antall år ubrukte midler kan overføres, må være et helt tall fra 1 til 5.", errors.GetProperty("maxTransferYears")[0].GetString());

        var after = await GetAsync(api, "/api/v1/schemes/2042");
        Assert.Equal(before.ToString(), after.ToString());
    }

    [Fact]
    public async Task A_change_from_an_old_version_is_refused_so_two_editors_cannot_overwrite_each_other()
    {
        await NewYearAsync(2043);
        var api = await factory.CreateApiClientAsync(Directorate);
        var seen = VersionOf(await GetAsync(api, "/api/v1/schemes/2043"));
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(api, "/api/v1/schemes/2043", new { version = seen, maxProjects = 4 })).Status);

        var (status, problem) = await PutAsync(api, "/api/v1/schemes/2043", new { version = seen, maxProjects = 2 });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("edit-conflict", problem.GetProperty("code").GetString());
        Assert.Equal(4, (await GetAsync(api, "/api/v1/schemes/2043")).GetProperty("maxProjects").GetInt32());
    }

    [Fact]
    public async Task Publishing_freezes_the_rules_while_the_report_deadline_and_allocation_defaults_may_still_change()
    {
        await NewYearAsync(2044);
        var api = await factory.CreateApiClientAsync(Directorate);
        var scheme = await GetAsync(api, "/api/v1/schemes/2044");

        using (var published = await api.PostAsJsonAsync(new Uri("/api/v1/schemes/2044/publish", UriKind.Relative), new { version = VersionOf(scheme) }))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            scheme = await published.Content.ReadFromJsonAsync<JsonElement>();
        }
        Assert.Equal("published", scheme.GetProperty("status").GetString());

        var (status, problem) = await PutAsync(api, "/api/v1/schemes/2044", new { version = VersionOf(scheme), maxProjects = 1, auditorThreshold = 1, maxTransferYears = 3 });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("scheme-published", problem.GetProperty("code").GetString());
        var detail = problem.GetProperty("title").GetString()!;
        Assert.Contains("maks antall tiltak", detail, StringComparison.Ordinal);
        Assert.Contains("revisorgrense", detail, StringComparison.Ordinal);
        Assert.Contains("antall år ubrukte midler kan overføres", detail, StringComparison.Ordinal);

        var (allowed, changed) = await PutAsync(api, "/api/v1/schemes/2044", new
        {
            version = VersionOf(scheme),
            reportDeadline = "2045-02-01",
            allocationDefaults = new { districtWeightPercent = 140 },
        });
        Assert.Equal(HttpStatusCode.OK, allowed);
        Assert.Equal("2045-02-01", changed.GetProperty("reportDeadline").GetString());
        Assert.Equal(5, changed.GetProperty("maxProjects").GetInt32());

        using var again = await api.PostAsJsonAsync(new Uri("/api/v1/schemes/2044/publish", UriKind.Relative), new { version = VersionOf(changed) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_applicant_cannot_start_an_application_for_a_year_that_is_not_published()
    {
        await NewYearAsync(2045);
        var applicant = await factory.CreateApiClientAsync("soker.5001@demo.ktu");
        using var response = await applicant.PostAsJsonAsync(new Uri("/api/v1/applications", UriKind.Relative), new { schemeYear = 2045 });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scheme-not-published", problem.GetProperty("code").GetString());
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Applications.AnyAsync(a => a.SchemeYear == 2045));
    }

    [Theory]
    [InlineData("saksbehandler.trondelag@demo.ktu")]
    [InlineData("leder.trondelag@demo.ktu")]
    [InlineData("soker.5001@demo.ktu")]
    public async Task Only_the_directorate_changes_a_year_publishes_it_or_sets_pots(string email)
    {
        var api = await factory.CreateApiClientAsync(email);
        var year = ApplicationApi.OpenYear;
        var scheme = await GetAsync(api, $"/api/v1/schemes/{year}");
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(api, $"/api/v1/schemes/{year}", new { version = VersionOf(scheme), maxProjects = 1 })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(api, $"/api/v1/schemes/{year}/pots", new { version = VersionOf(scheme), nationalAmount = 1, pots = Array.Empty<object>() })).Status);
        using var publish = await api.PostAsJsonAsync(new Uri($"/api/v1/schemes/{year}/publish", UriKind.Relative), new { version = VersionOf(scheme) });
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal(scheme.ToString(), (await GetAsync(api, $"/api/v1/schemes/{year}")).ToString());
    }

    [Fact]
    public async Task Pots_never_add_up_to_more_than_the_national_amount_and_transferred_money_is_a_line_of_its_own()
    {
        await NewYearAsync(2046);
        var api = await factory.CreateApiClientAsync(Directorate);
        var version = VersionOf(await GetAsync(api, "/api/v1/schemes/2046"));

        var (over, problem) = await PutAsync(api, "/api/v1/schemes/2046/pots", new
        {
            version,
            nationalAmount = 10_000_000,
            pots = new[] { new { embete = "trondelag", amount = 6_000_000L, transferred = 0L }, new { embete = "innlandet", amount = 4_500_000L, transferred = 0L } },
        });
        Assert.Equal(HttpStatusCode.Conflict, over);
        Assert.Equal("pots-above-national", problem.GetProperty("code").GetString());
        Assert.Equal(500_000, problem.GetProperty("difference").GetInt64());
        Assert.Contains("500 000", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        var (bad, invalid) = await PutAsync(api, "/api/v1/schemes/2046/pots", new
        {
            version,
            nationalAmount = 10_000_000,
            pots = new object[]
            {
                new { embete = "atlantis", amount = 1L },
                new { embete = "trondelag", amount = -1L },
                new { embete = "innlandet", amount = 100L, earmarks = new[] { new { theme = "ernaering", amount = 50L } } },
                new { embete = "rogaland", amount = 100L, earmarks = new[] { new { theme = "avlastning", amount = 500L } } },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("pots[0].embete", out _));
        Assert.True(errors.TryGetProperty("pots[1].amount", out _));
        Assert.True(errors.TryGetProperty("pots[2].earmarks[0].theme", out _));
        Assert.True(errors.TryGetProperty("pots[3].earmarks", out _));

        // Transferred money is outside the national amount: 6 + 4 of 10 million, and Trøndelag has 2 million more to allocate.
        var (ok, saved) = await PutAsync(api, "/api/v1/schemes/2046/pots", new
        {
            version,
            nationalAmount = 10_000_000,
            pots = new object[]
            {
                new { embete = "trondelag", amount = 6_000_000L, transferred = 2_000_000L, earmarks = new[] { new { theme = "avlastning", amount = 100_000L } } },
                new { embete = "innlandet", amount = 4_000_000L, transferred = 0L },
            },
        });
        Assert.Equal(HttpStatusCode.OK, ok);
        var trondelag = saved.GetProperty("pots").EnumerateArray().Single(p => p.GetProperty("embete").GetString() == "trondelag");
        Assert.Equal(8_000_000, trondelag.GetProperty("total").GetInt64());
        Assert.Equal(2_000_000, trondelag.GetProperty("transferred").GetInt64());
        Assert.Equal(2, saved.GetProperty("pots").GetArrayLength());

        var history = await GetAsync(api, "/api/v1/schemes/2046/history");
        var distributed = history.EnumerateArray().First(h => h.GetProperty("action").GetString() == "scheme.pots-distributed");
        Assert.Equal(10_000_000, distributed.GetProperty("after").GetProperty("nationalAmount").GetInt64());
    }

    [Fact]
    public async Task An_embete_allocates_the_pot_it_was_given_with_the_money_transferred_to_it()
    {
        var year = ApplicationApi.OpenYear;
        var directorate = await factory.CreateApiClientAsync(Directorate);
        var scheme = await GetAsync(directorate, $"/api/v1/schemes/{year}");
        var pots = scheme.GetProperty("pots").EnumerateArray().Select(p => new
        {
            embete = p.GetProperty("embete").GetString(),
            amount = p.GetProperty("amount").GetInt64(),
            transferred = p.GetProperty("embete").GetString() == "vestfold-og-telemark" ? 750_000L : p.GetProperty("transferred").GetInt64(),
            earmarks = p.GetProperty("earmarks").EnumerateArray().Select(e => new { theme = e.GetProperty("theme").GetString(), amount = e.GetProperty("amount").GetInt64() }).ToList(),
            demoFigure = p.GetProperty("demoFigure").GetBoolean(),
        }).ToList();
        var mine = pots.Single(p => p.embete == "vestfold-og-telemark");

        var (status, _) = await PutAsync(directorate, $"/api/v1/schemes/{year}/pots",
            new { version = VersionOf(scheme), nationalAmount = scheme.GetProperty("nationalAmount").GetInt64(), pots });
        Assert.Equal(HttpStatusCode.OK, status);

        var officer = await factory.CreateApiClientAsync("saksbehandler.vestfold-og-telemark@demo.ktu");
        var round = await GetAsync(officer, $"/api/v1/allocations/{year}");
        Assert.Equal(mine.amount + 750_000, round.GetProperty("pot").GetInt64());
    }

    [Fact]
    public async Task The_proposal_by_population_never_exceeds_the_national_amount_and_gives_the_largest_embete_the_most()
    {
        var api = await factory.CreateApiClientAsync(Directorate);
        using var response = await api.GetAsync(new Uri("/api/v1/schemes/2025/pots/proposal?nationalAmount=369900000", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var proposal = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(10, proposal.Count);
        var sum = proposal.Sum(p => p.GetProperty("amount").GetInt64());
        Assert.InRange(sum, 369_900_000 - 10_000, 369_900_000);
        var largest = proposal.MaxBy(p => p.GetProperty("population").GetInt64());
        Assert.Equal(largest.GetProperty("embete").GetString(), proposal.MaxBy(p => p.GetProperty("amount").GetInt64()).GetProperty("embete").GetString());

        using var bad = await api.GetAsync(new Uri("/api/v1/schemes/2025/pots/proposal?nationalAmount=-1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_leader_sets_only_the_own_embetes_deadlines_within_the_year()
    {
        await NewYearAsync(2047);
        var leader = await factory.CreateApiClientAsync("leder.trondelag@demo.ktu");

        var (ok, scheme) = await PutAsync(leader, "/api/v1/schemes/2047/pots/trondelag/deadlines", new { applicationDeadline = "2047-04-01", reportDeadline = "2048-02-15" });
        Assert.Equal(HttpStatusCode.OK, ok);
        var pot = scheme.GetProperty("pots").EnumerateArray().Single(p => p.GetProperty("embete").GetString() == "trondelag");
        Assert.Equal("2048-02-15", pot.GetProperty("reportDeadline").GetString());
        Assert.Equal(new DateTimeOffset(2047, 4, 1, 21, 59, 59, TimeSpan.Zero), pot.GetProperty("applicationDeadline").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(leader, "/api/v1/schemes/2047/pots/innlandet/deadlines", new { applicationDeadline = "2047-05-01" })).Status);
        var officer = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(officer, "/api/v1/schemes/2047/pots/trondelag/deadlines", new { applicationDeadline = "2047-05-01" })).Status);

        var (bad, problem) = await PutAsync(leader, "/api/v1/schemes/2047/pots/trondelag/deadlines", new { applicationDeadline = "2048-01-10", reportDeadline = "2047-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("applicationDeadline", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("reportDeadline", out _));

        // A deadline that has passed is not moved: 2025's call is over.
        var (passed, _) = await PutAsync(leader, "/api/v1/schemes/2025/pots/trondelag/deadlines", new { applicationDeadline = "2025-12-31" });
        Assert.Equal(HttpStatusCode.BadRequest, passed);

        // The embete's own report deadline is the one its letters print.
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(new DateOnly(2048, 2, 15), (await LetterContext.LoadAsync(db, "trondelag", 2047, CancellationToken.None)).Template.ReportDeadline);
        Assert.Equal(new DateOnly(2048, 3, 1), (await LetterContext.LoadAsync(db, "innlandet", 2047, CancellationToken.None)).Template.ReportDeadline);
    }

    [Fact]
    public async Task The_2022_and_2025_years_read_and_validate_as_before_after_a_new_year_is_changed_and_published()
    {
        var api = await factory.CreateApiClientAsync(Directorate);
        var before = await SnapshotAsync(api);

        await NewYearAsync(2048);
        var version = VersionOf(await GetAsync(api, "/api/v1/schemes/2048"));
        var (changed, scheme) = await PutAsync(api, "/api/v1/schemes/2048", new
        {
            version,
            maxProjects = 1,
            auditorThreshold = 50_000,
            auditorComparison = "above",
            projectPartName = "Nye prosjekter",
            goalText = "Et nytt mål.",
        });
        Assert.Equal(HttpStatusCode.OK, changed);
        using (var published = await api.PostAsJsonAsync(new Uri("/api/v1/schemes/2048/publish", UriKind.Relative), new { version = VersionOf(scheme) }))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        // And 2025's own rules cannot be changed now that its call is out.
        var y2025 = await GetAsync(api, "/api/v1/schemes/2025");
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(api, "/api/v1/schemes/2025", new { version = VersionOf(y2025), maxProjects = 1 })).Status);

        var after = await SnapshotAsync(api);
        Assert.Equal(before, after);
        Assert.Contains("Innovasjonsprosjekter", after, StringComparison.Ordinal);
        Assert.Contains("Samlet tilskudd er over {revisorgrense}", after, StringComparison.Ordinal);
    }

    /// <summary>What 2022 and 2025 look like: the API's view of the rules, the issues of an application under each year's rules, and the texts a letter is made from.</summary>
    private async Task<string> SnapshotAsync(HttpClient api)
    {
        var parts = new List<string>();
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var year in new[] { 2022, 2025 })
        {
            var scheme = await GetAsync(api, $"/api/v1/schemes/{year}");
            parts.Add(scheme.ToString());
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.MunicipalityNumber == "5025");
            var actor = new Actor("test", "Test", "test@demo.ktu");
            var at = new DateTimeOffset(year, 2, 1, 12, 0, 0, TimeSpan.Zero);
            var application = Application.Start(Guid.NewGuid(), organisation, year, actor, at);
            application.SaveDraft(DemoApplications.Content(3, organisation.Name), actor, at);
            var view = await ApplicationView.LoadAsync(db, application, at, CancellationToken.None);
            parts.Add(string.Join('\n', view.Issues.Select(i => $"{i.Severity} {i.Field} {i.Code} {i.Message}")));
            parts.Add((await LetterContext.LoadAsync(db, "trondelag", year, CancellationToken.None)).TemplateJson);
            parts.Add(Ktu.Web.Documents.GrantLetterPdf.PartName(Ktu.Web.Domain.Decisions.DecisionPart.Project,
                (await db.SchemeYears.AsNoTracking().SingleAsync(s => s.Year == year))));
        }
        return string.Join("\n---\n", parts);
    }
}
