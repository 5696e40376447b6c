using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

public sealed record EducationTypeDto(string Code, string Name);
public sealed record ThemeDto(string Code, string Name, bool Earmarked);
public sealed record ApplicantRuleDto(string ApplicantType, IReadOnlyList<string> Parts, IReadOnlyList<string> OnlyEducationTypes);
public sealed record EarmarkDto(string Theme, long Amount);
/// <param name="Amount">The embete's share of the national amount, earmarks included.</param>
/// <param name="Transferred">Unused money from earlier years, a line of its own outside the national amount.</param>
/// <param name="ApprovedTransfers">Unused money of last year's grants that the embete approved moved into this year.</param>
/// <param name="Total">What the embete can allocate: amount, transferred and approved transfers.</param>
/// <param name="DemoFigure">True when the amounts are made up for the demo.</param>
/// <param name="ApplicationDeadline">The embete's own application deadline, when it has set one.</param>
/// <param name="ReportDeadline">The embete's own report deadline, when it has set one.</param>
public sealed record PotDto(string Embete, long Amount, long Transferred, long ApprovedTransfers, long Total, bool DemoFigure, IReadOnlyList<EarmarkDto> Earmarks,
    DateTimeOffset? ApplicationDeadline, DateOnly? ReportDeadline);

public sealed record AllocationDefaultsDto(IReadOnlyList<int> ScoreWeights, int DistrictWeightPercent, long MinimumAmount, long RoundingUnit);

/// <param name="Status">"preparation" (the directorate may change everything) or "published" (the rules are frozen).</param>
/// <param name="Version">Send it back with a change; a change from an older version is refused.</param>
/// <param name="FixedLetterTexts">The national letter texts of the year by field name, as letters will print them.</param>
public sealed record SchemeDto(
    int Year,
    string Name,
    string Status,
    int Version,
    DateTimeOffset Deadline,
    DateOnly ReportDeadline,
    bool Open,
    string GoalText,
    string ProjectPartName,
    int MaxProjects,
    long AuditorThreshold,
    string AuditorComparison,
    int ReportVariancePercent,
    int MaxTransferYears,
    int DistrictFromCentrality,
    long? NationalAmount,
    IReadOnlyList<EducationTypeDto> EducationTypes,
    IReadOnlyList<ThemeDto> Themes,
    IReadOnlyList<ApplicantRuleDto> ApplicantRules,
    AllocationDefaultsDto AllocationDefaults,
    IReadOnlyDictionary<string, string> FixedLetterTexts,
    IReadOnlyList<PotDto> Pots);

public sealed record SchemeSummaryDto(int Year, string Name, string Status, DateTimeOffset Deadline, bool Open);

public static class SchemesApi
{
    public static void MapSchemesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/schemes").WithTags("Ordningsår");
        group.MapGet("/", ListAsync).WithSummary("Alle ordningsår.");
        group.MapGet("/{year:int}", GetAsync).WithSummary("Ett ordningsår med regler: utdanningstyper, temaer, frister og potter.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        EditSchemeYear.Map(group);
        PublishSchemeYear.Map(group);
        DistributePots.Map(group);
        PotProposal.Map(group);
        SetEmbeteDeadlines.Map(group);
        ViewSchemeHistory.Map(group);
    }

    internal static IQueryable<SchemeYear> WithRules(this IQueryable<SchemeYear> q) => q
        .Include(s => s.EducationTypes).Include(s => s.Themes).Include(s => s.ApplicantRules)
        .Include(s => s.Pots).ThenInclude(p => p.Earmarks)
        .AsSplitQuery();

    internal static async Task<Ok<List<SchemeSummaryDto>>> ListAsync(AppDbContext db, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var list = await db.SchemeYears.OrderByDescending(s => s.Year).AsNoTracking().ToListAsync();
        return TypedResults.Ok(list.Select(s => new SchemeSummaryDto(s.Year, s.Name, StatusName(s.Status), s.ApplicationDeadline, s.IsPublished && Domain.Rules.Deadline.IsOpen(s, now))).ToList());
    }

    internal static async Task<Ok<SchemeDto>> GetAsync(int year, AppDbContext db, TimeProvider time)
    {
        // Through the exception handler, so the 404 is application/problem+json with a trace id like every other problem.
        var s = await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(x => x.Year == year)
            ?? throw new NotFoundException(Format.Text(SchemeTexts.Scheme_NotFound, year));
        return TypedResults.Ok(ToDto(s, time.GetUtcNow()));
    }

    internal static SchemeDto ToDto(SchemeYear s, DateTimeOffset now)
    {
        var defaults = AllocationSettings.Read(s.AllocationSettingsJson);
        return new(
            s.Year,
            s.Name,
            StatusName(s.Status),
            s.Version,
            s.ApplicationDeadline,
            s.ReportDeadline,
            s.IsPublished && Domain.Rules.Deadline.IsOpen(s, now),
            s.GoalText,
            s.ProjectPartName,
            s.MaxProjects,
            s.AuditorThreshold,
            SchemeCodes.ComparisonCode(s.AuditorComparison),
            s.ReportVariancePercent,
            s.MaxTransferYears,
            s.DistrictFromCentrality,
            s.NationalAmount,
            s.EducationTypes.OrderBy(e => e.SortOrder).Select(e => new EducationTypeDto(e.Code, e.Name)).ToList(),
            s.Themes.OrderBy(t => t.SortOrder).Select(t => new ThemeDto(t.Code, t.Name, t.Earmarked)).ToList(),
            s.ApplicantRules.OrderBy(r => r.Kind).Select(r => new ApplicantRuleDto(
                SchemeCodes.KindCode(r.Kind),
                ApplicationPartNames.Codes(r.Parts),
                r.OnlyEducationTypes)).ToList(),
            new AllocationDefaultsDto(defaults.ScoreWeights, defaults.DistrictWeightPercent, defaults.MinimumAmount, defaults.RoundingUnit),
            Documents.GrantLetterFixedTexts.TextsOf(Documents.GrantLetterFixedTexts.For(s)),
            s.Pots.OrderBy(p => p.EmbeteId, StringComparer.Ordinal).Select(p => new PotDto(p.EmbeteId, p.Amount, p.TransferredAmount, p.ApprovedTransfers, p.Total, p.IsDemoFigure,
                p.Earmarks.OrderBy(e => e.ThemeCode, StringComparer.Ordinal).Select(e => new EarmarkDto(e.ThemeCode, e.Amount)).ToList(),
                p.ApplicationDeadline, p.ReportDeadline)).ToList());
    }

    internal static string StatusName(SchemeStatus status) => status == SchemeStatus.Published ? "published" : "preparation";
}
