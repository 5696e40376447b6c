using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Assessment;

/// <summary>
/// The embete's submitted applications for one year: status, applicant, centrality, amount applied per part,
/// with search, filters and sorting. Withdrawn applications are listed too, marked, since they may come back.
/// </summary>
internal static class ListCases
{
    public const string Withdrawn = "Withdrawn";

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapGet("/", InboxAsync)
            .WithSummary("Innboksen: embetets innsendte søknader for et år (uten year: det nyeste året med innsendte søknader) med status, søker, sentralitet og søkt beløp per del. Søk, filtre og sortering; antall per status.")
            .RequireApiScope(ApiScopes.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Ok<InboxResponse>> InboxAsync(
        AppDbContext db, CurrentUser me, int? year, string? status, string? search, bool? district, string? sort, bool? desc, CancellationToken ct)
    {
        var r = await LoadAsync(db, me, year ?? await DefaultYearAsync(db, me, ct), status, search, district, sort, desc == true, ct);
        return TypedResults.Ok(new InboxResponse(r.Year, r.Counts, r.Total, r.Items.Select(i => new InboxItemDto(
            i.ApplicationId, i.Reference, i.Applicant, i.OrgNumber, i.Kind.ToString(), i.Centrality, i.District, i.SubmittedAt,
            i.Status, i.StatusName, i.AssignedOfficer, i.Competence, i.Bpa, i.Projects, i.Total, i.OpenQuestions, i.MissingReportYears)).ToList()));
    }

    /// <summary>The newest year the embete has submitted applications for; the newest scheme year when there are none.</summary>
    public static async Task<int> DefaultYearAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        return await db.Applications.Where(a => a.EmbeteId == embeteId && a.SubmissionCount > 0).MaxAsync(a => (int?)a.SchemeYear, ct)
            ?? await db.SchemeYears.MaxAsync(s => (int?)s.Year, ct)
            ?? throw new NotFoundException(AssessmentTexts.Rules_NoSchemeYears);
    }

    public static async Task<InboxResult> LoadAsync(AppDbContext db, CurrentUser me, int year, string? status, string? search, bool? district, string? sort, bool descending, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        var scheme = await db.SchemeYears.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, ct)
            ?? throw new NotFoundException(AssessmentTexts.Rules_SchemeYearNotFound);
        var rows = await (
            from a in db.Applications.AsNoTracking()
            where a.EmbeteId == embeteId && a.SchemeYear == year && a.SubmissionCount > 0
            join o in db.Organisations.AsNoTracking() on a.OrganisationId equals o.Id
            join c in db.CaseFiles.AsNoTracking() on a.Id equals c.ApplicationId into cases
            from c in cases.DefaultIfEmpty()
            select new
            {
                a.Id,
                a.Reference,
                a.Status,
                Organisation = o,
                CaseStatus = c == null ? (CaseStatus?)null : c.Status,
                Officer = c == null ? null : c.AssignedOfficerName,
            }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var latest = await db.ApplicationSubmissions.AsNoTracking()
            .Where(s => ids.Contains(s.ApplicationId))
            .GroupBy(s => s.ApplicationId)
            .Select(g => g.OrderByDescending(s => s.Number).First())
            .ToListAsync(ct);
        var byApp = latest.ToDictionary(s => s.ApplicationId);
        var open = await db.InformationRequests.AsNoTracking()
            .Where(r => ids.Contains(r.ApplicationId) && r.AnsweredAt == null)
            .GroupBy(r => r.ApplicationId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var missingReports = await db.MissingReportYearsAsync(rows.Select(r => r.Organisation.Id).ToList(), year, ct);

        var items = rows.Select(r =>
        {
            var submission = byApp[r.Id];
            var summary = submission.ReadSnapshot().Summary;
            var withdrawn = r.Status != ApplicationStatus.Submitted;
            var caseStatus = r.CaseStatus ?? CaseStatus.Received;
            return new InboxItem(r.Id, r.Reference ?? "", r.Organisation.Name, r.Organisation.OrgNumber, r.Organisation.Kind,
                r.Organisation.Centrality, DistrictMunicipality.Is(r.Organisation, scheme), submission.SubmittedAt,
                withdrawn ? Withdrawn : caseStatus.ToString(), CaseStatusName.Of(caseStatus, withdrawn), r.Officer,
                summary.Competence, summary.Bpa, summary.Projects, summary.Total, open.GetValueOrDefault(r.Id),
                missingReports.GetValueOrDefault(r.Organisation.Id) ?? []);
        }).ToList();

        var counts = items.GroupBy(i => i.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        IEnumerable<InboxItem> shown = items;
        if (!string.IsNullOrEmpty(status))
        {
            shown = shown.Where(i => string.Equals(i.Status, status, StringComparison.OrdinalIgnoreCase));
        }
        if (district is { } d)
        {
            shown = shown.Where(i => i.District == d);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            shown = shown.Where(i => i.Applicant.Contains(s, StringComparison.OrdinalIgnoreCase)
                || i.Reference.Contains(s, StringComparison.OrdinalIgnoreCase)
                || i.OrgNumber.Contains(s, StringComparison.Ordinal));
        }
        shown = (sort ?? "reference") switch
        {
            "applicant" => shown.OrderBy(i => i.Applicant, StringComparer.Create(Format.Norwegian, false)),
            "total" => shown.OrderBy(i => i.Total),
            "status" => shown.OrderBy(i => i.StatusName, StringComparer.Ordinal),
            "submitted" => shown.OrderBy(i => i.SubmittedAt),
            _ => shown.OrderBy(i => i.Reference, StringComparer.Ordinal),
        };
        var list = shown.ToList();
        if (descending)
        {
            list.Reverse();
        }
        return new InboxResult(year, list, counts, items.Count);
    }
}
