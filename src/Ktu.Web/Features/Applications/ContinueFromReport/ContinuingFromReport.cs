using Ktu.Web.Data;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>Persons of one education type still in education at the end of the reported year.</summary>
public sealed record ContinuingPersons(string EducationType, int Persons);

/// <param name="FromYear">The scheme year of the report; null when the organisation has sent no report.</param>
public sealed record ContinuingFromReportResponse(int? FromYear, IReadOnlyList<ContinuingPersons> Persons);

/// <summary>
/// The competence part of a new application can copy continuing persons from the last report: the organisation's latest sent
/// report of an earlier year, as sent (its snapshot), counts per education type those still in education. The competence page
/// fills them in as continuing persons (<see cref="Apply"/>); the API gives them to the applicant's own system.
/// </summary>
internal static class ContinuingFromReport
{
    public static void Map(RouteGroupBuilder application) =>
        application.MapGet("/continuing-from-report", GetAsync)
            .WithSummary("Personer som fortsatt var under utdanning ved utgangen av året i organisasjonens siste innsendte rapport, per utdanningstype: forslag til videreføring.");

    internal static async Task<Ok<ContinuingFromReportResponse>> GetAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        return TypedResults.Ok(await LoadAsync(db, application.OrganisationId, application.SchemeYear, ct));
    }

    public static async Task<ContinuingFromReportResponse> LoadAsync(AppDbContext db, int organisationId, int year, CancellationToken ct)
    {
        var latest = await db.GrantReportSubmissions.AsNoTracking()
            .Where(s => s.OrganisationId == organisationId && s.SchemeYear < year)
            .OrderByDescending(s => s.SchemeYear).ThenByDescending(s => s.Number)
            .FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return new(null, []);
        }
        var persons = latest.ReadSnapshot().Report.Competence
            .Where(c => c.Ongoing is > 0 && !string.IsNullOrEmpty(c.EducationType))
            .GroupBy(c => c.EducationType!, StringComparer.Ordinal)
            .Select(g => new ContinuingPersons(g.Key, g.Sum(c => c.Ongoing!.Value)))
            .OrderBy(p => p.EducationType, StringComparer.Ordinal)
            .ToList();
        return new(latest.SchemeYear, persons);
    }

    /// <summary>
    /// The competence rows with the continuing persons filled in: on the first row of each education type (raising its persons
    /// to at least the continuing ones), or on a new row of that type.
    /// </summary>
    public static void Apply(List<CompetenceModel.MeasureForm> rows, IReadOnlyList<ContinuingPersons> continuing)
    {
        foreach (var c in continuing)
        {
            var row = rows.FirstOrDefault(r => r.EducationType == c.EducationType);
            if (row is null)
            {
                row = rows.FirstOrDefault(r => string.IsNullOrWhiteSpace(r.EducationType) && string.IsNullOrWhiteSpace(r.Amount) && string.IsNullOrWhiteSpace(r.Persons));
                if (row is null)
                {
                    row = new CompetenceModel.MeasureForm();
                    rows.Add(row);
                }
                row.EducationType = c.EducationType;
            }
            var persons = int.TryParse(row.Persons, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0;
            row.ContinuingPersons = c.Persons.ToString(System.Globalization.CultureInfo.InvariantCulture);
            row.Persons = Math.Max(persons, c.Persons).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
