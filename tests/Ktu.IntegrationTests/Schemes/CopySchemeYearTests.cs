using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Features.Schemes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Schemes;

/// <summary>The admin makes next year's rules by copying a year (/ordningsar/ny).</summary>
[Collection(SharedApp.Name)]
public sealed class CopySchemeYearTests(KtuFactory factory)
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private async Task<SchemeYear?> LoadAsync(int year)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(s => s.Year == year);
    }

    private async Task<List<int>> YearsAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.SchemeYears.Select(s => s.Year).OrderBy(y => y).ToListAsync();
    }

    private static Dictionary<string, string> Form(int source, int year, string deadline, string reportDeadline, string name = "") => new()
    {
        ["SourceYear"] = source.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Deadline"] = deadline,
        ["ReportDeadline"] = reportDeadline,
        ["Name"] = name,
    };

    [Fact]
    public async Task The_admin_copies_the_open_year_into_the_next_with_the_same_types_themes_and_pots()
    {
        var admin = await factory.CreateSignedInBrowserClientAsync("admin@demo.ktu");
        using (var page = await admin.GetAsync(new Uri("/ordningsar/ny", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using var response = await admin.SubmitFormAsync("/ordningsar/ny", Form(2027, 2028, "2028-03-17", "2029-03-01"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ordningsar/2028", response.RedirectPath());

        var source = await LoadAsync(2027);
        var copy = await LoadAsync(2028);
        Assert.NotNull(source);
        Assert.NotNull(copy);
        Assert.Equal(source.Name, copy.Name);
        Assert.Equal(new DateTime(2028, 3, 17, 23, 59, 59), TimeZoneInfo.ConvertTime(copy.ApplicationDeadline, Oslo).DateTime);
        Assert.Equal(new DateOnly(2029, 3, 1), copy.ReportDeadline);
        Assert.Equal(source.MaxProjects, copy.MaxProjects);
        Assert.Equal(source.AuditorThreshold, copy.AuditorThreshold);
        Assert.Equal(source.AuditorComparison, copy.AuditorComparison);

        Assert.Equal(8, copy.EducationTypes.Count);
        Assert.Equal(
            source.EducationTypes.OrderBy(e => e.SortOrder).Select(e => (e.Code, e.Name, e.SortOrder)),
            copy.EducationTypes.OrderBy(e => e.SortOrder).Select(e => (e.Code, e.Name, e.SortOrder)));
        Assert.Equal(9, copy.Themes.Count);
        Assert.Equal(
            source.Themes.OrderBy(t => t.SortOrder).Select(t => (t.Code, t.Name, t.SortOrder)),
            copy.Themes.OrderBy(t => t.SortOrder).Select(t => (t.Code, t.Name, t.SortOrder)));
        Assert.Equal(
            source.ApplicantRules.OrderBy(r => r.Kind).Select(r => (r.Kind, r.Parts, string.Join(',', r.OnlyEducationTypes))),
            copy.ApplicantRules.OrderBy(r => r.Kind).Select(r => (r.Kind, r.Parts, string.Join(',', r.OnlyEducationTypes))));
        Assert.Equal(10, copy.Pots.Count);
        Assert.Equal(Pots(source), Pots(copy));

        using var details = await admin.GetAsync(new Uri("/ordningsar/2028", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
    }

    private static List<string> Pots(SchemeYear year) => year.Pots
        .OrderBy(p => p.EmbeteId, StringComparer.Ordinal)
        .Select(p => $"{p.EmbeteId}:{p.Amount}:" + string.Join(',', p.Earmarks.OrderBy(e => e.ThemeCode, StringComparer.Ordinal).Select(e => $"{e.ThemeCode}={e.Amount}")))
        .ToList();

    [Theory]
    [InlineData(2025, "2030-03-17", "2031-03-01", "Ordningsåret 2025 finnes allerede.")]
    [InlineData(2031, "2031-03-17", "2031-03-01", "Rapporteringsfristen må komme etter søknadsfristen.")]
    [InlineData(2032, "2032-03-17", "2032-03-17", "Rapporteringsfristen må komme etter søknadsfristen.")]
    [InlineData(2033, "", "2034-03-01", "Velg søknadsfrist.")]
    [InlineData(1999, "1999-03-17", "2000-03-01", "Året må være mellom 2000 og 2100.")]
    public async Task Invalid_copy_input_gives_a_Norwegian_message_and_creates_nothing(int year, string deadline, string reportDeadline, string message)
    {
        var before = await YearsAsync();
        var admin = await factory.CreateSignedInBrowserClientAsync("admin@demo.ktu");

        using var response = await admin.SubmitFormAsync("/ordningsar/ny", Form(2025, year, deadline, reportDeadline, "Skal ikke lagres"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await YearsAsync());
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.SchemeYears.AnyAsync(s => s.Name == "Skal ikke lagres"));
    }

    [Fact]
    public async Task An_applicant_posting_the_copy_form_is_refused_and_nothing_is_created()
    {
        var admin = await factory.CreateSignedInBrowserClientAsync("admin@demo.ktu");
        using var page = await admin.GetAsync(new Uri("/ordningsar/ny", UriKind.Relative));
        var token = Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync());

        // The applicant has a session of their own; the admin's form token is of no use to them.
        var applicant = await factory.CreateSignedInBrowserClientAsync("soker.5001@demo.ktu");
        var fields = Form(2025, 2040, "2040-03-17", "2041-03-01");
        fields[Forms.TokenField] = token;
        using var content = new FormUrlEncodedContent(fields);
        using var response = await applicant.PostAsync(new Uri("/ordningsar/ny", UriKind.Relative), content);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
        Assert.Null(await LoadAsync(2040));
    }
}
