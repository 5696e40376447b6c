using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

public sealed record DecisionLineDto(string LineId, string Part, string Label, long AmountApplied, long AmountGranted, string Reason);

public sealed record DecisionResponse(
    Guid Id, Guid ApplicationId, string CaseReference, int SchemeYear, string Applicant, string OrgNumber,
    long AmountApplied, long AmountGranted, bool IsRefusal, DateTimeOffset DecidedAt, string Officer, string Approver,
    IReadOnlyList<DecisionLineDto> Lines);

/// <summary>The applicant reads the embete's decision on its own application once it is approved. The page is <see cref="DecisionModel"/>.</summary>
internal static class ViewDecision
{
    public static void Map(RouteGroupBuilder application) =>
        application.MapGet("/decision", GetAsync)
            .RequireApiScope(ApiScopes.DecisionsRead)
            .WithSummary("Vedtaket om tilskudd når det er godkjent: innvilget og ikke innvilget beløp per linje med begrunnelse. 404 før vedtaket er fattet.");

    internal static async Task<Ok<DecisionResponse>> GetAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        var decision = await db.GrantDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.ApplicationId == application.Id && d.RoundNumber == 1, ct)
            ?? throw new NotFoundException(ApplicationTexts.Decision_NotMade);
        return TypedResults.Ok(ToResponse(decision));
    }

    private static DecisionResponse ToResponse(GrantDecision d) => new(
        d.Id, d.ApplicationId, d.CaseReference, d.SchemeYear, d.ApplicantName, d.ApplicantOrgNumber,
        d.AmountApplied, d.AmountGranted, d.IsRefusal, d.DecidedAt, d.OfficerName, d.ApproverName,
        d.ReadLines().Select(l => new DecisionLineDto(l.LineId, l.Part.ToString(), l.Label, l.AmountApplied, l.AmountGranted, l.Reason)).ToList());
}
