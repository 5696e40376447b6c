using Ktu.Web.Data;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// Who finds a grant's report: the applicant organisation that got the grant, and the staff of the embete that granted it.
/// For anyone else, and for a refusal (nothing to report on), the grant does not exist: 404, never 403. A grant is per
/// applicant and year: what is returned is the application's decisions read as one (<see cref="GrantDecision.AsOneGrant"/>),
/// with the first decision's id as the grant id and the supplementary decisions of later rounds added to its amounts. A
/// supplementary decision's id finds the same grant.
/// </summary>
internal static class ReportAccess
{
    public static async Task<GrantDecision> OwnGrantAsync(AppDbContext db, CurrentUser me, Guid grantId, CancellationToken ct)
    {
        var organisationId = me.IsApplicant ? me.OrganisationId : null;
        var grant = await db.GrantAsync(d => d.Id == grantId && d.OrganisationId == organisationId, ct);
        return Reportable(grant);
    }

    /// <summary>The grant of an application, for the applicant's page under the application.</summary>
    public static async Task<GrantDecision> OwnGrantOfApplicationAsync(AppDbContext db, CurrentUser me, Guid applicationId, CancellationToken ct)
    {
        var organisationId = me.IsApplicant ? me.OrganisationId : null;
        var grant = await db.GrantAsync(d => d.ApplicationId == applicationId && d.OrganisationId == organisationId, ct);
        return Reportable(grant);
    }

    public static async Task<GrantDecision> EmbeteGrantAsync(AppDbContext db, CurrentUser me, Guid grantId, CancellationToken ct)
    {
        var embeteId = me.IsEmbeteStaff ? me.EmbeteId : null;
        var grant = await db.GrantAsync(d => d.Id == grantId && d.EmbeteId == embeteId, ct);
        return Reportable(grant);
    }

    /// <summary>The applicant's or the embete's, whichever the caller is.</summary>
    public static Task<GrantDecision> GrantAsync(AppDbContext db, CurrentUser me, Guid grantId, CancellationToken ct) =>
        me.IsEmbeteStaff ? EmbeteGrantAsync(db, me, grantId, ct) : OwnGrantAsync(db, me, grantId, ct);

    public static Task<GrantReport?> ReportAsync(AppDbContext db, Guid grantId, CancellationToken ct) =>
        db.GrantReports.SingleOrDefaultAsync(r => r.GrantDecisionId == grantId, ct);

    /// <summary>
    /// Saves a report change with everything recorded alongside it (audit entry, e-mail) in one unit; false, and nothing
    /// written, when the report's version no longer matches what was read.
    /// </summary>
    public static async Task<bool> SaveGuardedAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>Nobody who has declared a conflict on the grant's application takes part in anything that follows from it (409).</summary>
    public static async Task EnsureImpartialAsync(AppDbContext db, CurrentUser me, GrantDecision grant, CancellationToken ct)
    {
        if (await db.HasDeclaredConflictAsync(grant.ApplicationId, me.Id, ct))
        {
            throw new RuleViolationException(ReportingTexts.Review_Conflicted, "conflict-declared");
        }
    }

    private static GrantDecision Reportable(GrantDecision? grant) =>
        grant is { IsRefusal: false } ? grant : throw new NotFoundException(ReportingTexts.Grant_NotFound);
}
