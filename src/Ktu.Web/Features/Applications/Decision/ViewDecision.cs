using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

public sealed record DecisionLineDto(string LineId, string Part, string Label, long AmountApplied, long AmountGranted, string Reason);

/// <summary>A supplementary grant of a later round (issue 17): it adds to the decision and never changes it.</summary>
public sealed record SupplementaryDecisionDto(
    Guid Id, int Round, long AmountGranted, DateTimeOffset DecidedAt, string Officer, string Approver, IReadOnlyList<DecisionLineDto> Lines);

/// <summary>
/// The decision of the year's allocation (its id is the grant id the report uses), the supplementary grants of later
/// rounds, and the total granted over all of them.
/// </summary>
public sealed record DecisionResponse(
    Guid Id, Guid ApplicationId, string CaseReference, int SchemeYear, string Applicant, string OrgNumber,
    long AmountApplied, long AmountGranted, bool IsRefusal, DateTimeOffset DecidedAt, string Officer, string Approver,
    IReadOnlyList<DecisionLineDto> Lines, IReadOnlyList<SupplementaryDecisionDto> Supplementary, long TotalGranted);

/// <summary>The applicant reads the embete's decision on its own application once it is approved. The page is <see cref="DecisionModel"/>.</summary>
internal static class ViewDecision
{
    public static void Map(RouteGroupBuilder application) =>
        application.MapGet("/decision", GetAsync)
            .RequireApiScope(ApiScopes.DecisionsRead)
            .WithSummary("Vedtaket om tilskudd når det er godkjent: innvilget og ikke innvilget beløp per linje med begrunnelse, eventuelle tilleggstilskudd fra senere runder og samlet innvilget beløp. 404 før vedtaket er fattet.");

    internal static async Task<Ok<DecisionResponse>> GetAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.ApplicationId == application.Id).OrderBy(d => d.RoundNumber).ToListAsync(ct);
        if (decisions.Count == 0)
        {
            throw new NotFoundException(ApplicationTexts.Decision_NotMade);
        }
        return TypedResults.Ok(ToResponse(decisions[0], decisions.Skip(1).ToList()));
    }

    private static DecisionResponse ToResponse(GrantDecision d, IReadOnlyList<GrantDecision> supplementary) => new(
        d.Id, d.ApplicationId, d.CaseReference, d.SchemeYear, d.ApplicantName, d.ApplicantOrgNumber,
        d.AmountApplied, d.AmountGranted, d.IsRefusal, d.DecidedAt, d.OfficerName, d.ApproverName, Lines(d),
        supplementary.Select(s => new SupplementaryDecisionDto(s.Id, s.RoundNumber, s.AmountGranted, s.DecidedAt, s.OfficerName, s.ApproverName, Lines(s))).ToList(),
        d.AmountGranted + supplementary.Sum(s => s.AmountGranted));

    private static List<DecisionLineDto> Lines(GrantDecision d) =>
        d.ReadLines().Select(l => new DecisionLineDto(l.LineId, l.Part.ToString(), l.Label, l.AmountApplied, l.AmountGranted, l.Reason)).ToList();
}
