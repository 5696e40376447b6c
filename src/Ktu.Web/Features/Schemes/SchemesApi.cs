using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

public sealed record EducationTypeDto(string Code, string Name);
public sealed record ThemeDto(string Code, string Name);
public sealed record ApplicantRuleDto(string ApplicantType, IReadOnlyList<string> Parts, IReadOnlyList<string> OnlyEducationTypes);
public sealed record EarmarkDto(string Theme, long Amount);
public sealed record PotDto(string Embete, long Amount, IReadOnlyList<EarmarkDto> Earmarks);

public sealed record SchemeDto(
    int Year,
    string Name,
    DateTimeOffset Deadline,
    DateOnly ReportDeadline,
    bool Open,
    int MaxProjects,
    long AuditorThreshold,
    string AuditorComparison,
    IReadOnlyList<EducationTypeDto> EducationTypes,
    IReadOnlyList<ThemeDto> Themes,
    IReadOnlyList<ApplicantRuleDto> ApplicantRules,
    IReadOnlyList<PotDto> Pots);

public sealed record SchemeSummaryDto(int Year, string Name, DateTimeOffset Deadline, bool Open);

public static class SchemesApi
{
    public static void MapSchemesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/schemes").WithTags("Ordningsår");
        group.MapGet("/", ListAsync).WithSummary("Alle ordningsår.");
        group.MapGet("/{year:int}", GetAsync).WithSummary("Ett ordningsår med regler: utdanningstyper, temaer, frister og potter.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static IQueryable<SchemeYear> WithRules(this IQueryable<SchemeYear> q) => q
        .Include(s => s.EducationTypes).Include(s => s.Themes).Include(s => s.ApplicantRules)
        .Include(s => s.Pots).ThenInclude(p => p.Earmarks)
        .AsSplitQuery();

    internal static async Task<Ok<List<SchemeSummaryDto>>> ListAsync(AppDbContext db, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var list = await db.SchemeYears.OrderByDescending(s => s.Year).AsNoTracking().ToListAsync();
        return TypedResults.Ok(list.Select(s => new SchemeSummaryDto(s.Year, s.Name, s.ApplicationDeadline, Domain.Rules.Deadline.IsOpen(s, now))).ToList());
    }

    internal static async Task<Ok<SchemeDto>> GetAsync(int year, AppDbContext db, TimeProvider time)
    {
        // Through the exception handler, so the 404 is application/problem+json with a trace id like every other problem.
        var s = await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(x => x.Year == year)
            ?? throw new NotFoundException(Format.Text(SchemeTexts.Scheme_NotFound, year));
        return TypedResults.Ok(ToDto(s, time.GetUtcNow()));
    }

    internal static SchemeDto ToDto(SchemeYear s, DateTimeOffset now) => new(
        s.Year,
        s.Name,
        s.ApplicationDeadline,
        s.ReportDeadline,
        Domain.Rules.Deadline.IsOpen(s, now),
        s.MaxProjects,
        s.AuditorThreshold,
        s.AuditorComparison == ThresholdComparison.Above ? "above" : "atLeast",
        s.EducationTypes.OrderBy(e => e.SortOrder).Select(e => new EducationTypeDto(e.Code, e.Name)).ToList(),
        s.Themes.OrderBy(t => t.SortOrder).Select(t => new ThemeDto(t.Code, t.Name)).ToList(),
        s.ApplicantRules.OrderBy(r => r.Kind).Select(r => new ApplicantRuleDto(
            JsonName(r.Kind),
            ApplicationPartNames.Codes(r.Parts),
            r.OnlyEducationTypes)).ToList(),
        s.Pots.OrderBy(p => p.EmbeteId, StringComparer.Ordinal).Select(p => new PotDto(p.EmbeteId, p.Amount,
            p.Earmarks.OrderBy(e => e.ThemeCode, StringComparer.Ordinal).Select(e => new EarmarkDto(e.ThemeCode, e.Amount)).ToList())).ToList());

    private static string JsonName(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Municipality => "municipality",
        OrganisationKind.CountyMunicipality => "countyMunicipality",
        OrganisationKind.University => "university",
        OrganisationKind.InterMunicipalCompany => "interMunicipalCompany",
        _ => kind.ToString(),
    };
}
