using System.Linq.Expressions;
using Ktu.Web.Domain.Decisions;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// One grant of one application and year, summed over its decisions: the first decision's id is the grant id, and
/// <see cref="AmountGranted"/> includes every supplementary decision of a later round.
/// </summary>
public sealed record GrantTotal(
    Guid Id, Guid ApplicationId, int OrganisationId, string EmbeteId, int SchemeYear, string CaseReference, string ApplicantName,
    string ApplicantOrgNumber, long AmountGranted, IReadOnlyList<Guid> GrantingDecisionIds);

/// <summary>
/// A grant is per applicant and year: the decision of the year's allocation and the supplementary decisions of later rounds
/// (issue 17) are one grant for reporting, reminders, transfers and claims. Reporting and case handling ask through here,
/// so no one counts a supplementary grant as a grant of its own, or misses a grant whose money came only in a later round.
/// </summary>
public static class GrantsQuery
{
    /// <summary>
    /// The grant the decision matching <paramref name="decision"/> belongs to, read as one (<see cref="GrantDecision.AsOneGrant"/>):
    /// the grant id or a supplementary decision's id finds the same grant. Null when no decision matches.
    /// </summary>
    public static async Task<GrantDecision?> GrantAsync(this AppDbContext db, Expression<Func<GrantDecision, bool>> decision, CancellationToken ct)
    {
        var applicationId = await db.GrantDecisions.AsNoTracking().Where(decision).Select(d => (Guid?)d.ApplicationId).FirstOrDefaultAsync(ct);
        if (applicationId is null)
        {
            return null;
        }
        var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.ApplicationId == applicationId).ToListAsync(ct);
        return GrantDecision.AsOneGrant(decisions);
    }

    /// <summary>
    /// The grants among the decisions matching <paramref name="where"/> with money granted in any round. Filter only on what
    /// all decisions of an application share (year, embete, organisation), never on a round or an amount.
    /// </summary>
    public static async Task<List<GrantTotal>> GrantTotalsAsync(this AppDbContext db, Expression<Func<GrantDecision, bool>> where, CancellationToken ct)
    {
        var decisions = await db.GrantDecisions.AsNoTracking().Where(where)
            .Select(d => new
            {
                d.Id,
                d.ApplicationId,
                d.RoundNumber,
                d.OrganisationId,
                d.EmbeteId,
                d.SchemeYear,
                d.CaseReference,
                d.ApplicantName,
                d.ApplicantOrgNumber,
                d.AmountGranted,
            })
            .ToListAsync(ct);
        return decisions.GroupBy(d => d.ApplicationId)
            .Select(g =>
            {
                var first = g.MinBy(d => d.RoundNumber)!;
                return new GrantTotal(first.Id, first.ApplicationId, first.OrganisationId, first.EmbeteId, first.SchemeYear, first.CaseReference,
                    first.ApplicantName, first.ApplicantOrgNumber, g.Sum(d => d.AmountGranted),
                    g.Where(d => d.AmountGranted > 0).OrderBy(d => d.RoundNumber).Select(d => d.Id).ToList());
            })
            .Where(g => g.AmountGranted > 0)
            .ToList();
    }
}
