using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Assessment;

/// <summary>
/// What every case officer's use case checks before it changes a case: the caller's role, the right to assess,
/// an allocation round still open; and the look-ups assignment and the impartiality declaration need (the case file, the officers, the leaders).
/// </summary>
internal static class CaseRules
{
    public static void RequireCaseOfficer(CurrentUser me)
    {
        if (!me.IsInRole(Roles.CaseOfficer))
        {
            throw new ForbiddenException(AssessmentTexts.Rules_OnlyCaseOfficers);
        }
    }

    /// <summary>Impartiality is declared by the people who handle or decide cases: case officers and approvers.</summary>
    public static void RequireCaseOfficerOrApprover(CurrentUser me)
    {
        if (!me.IsInRole(Roles.CaseOfficer) && !me.IsInRole(Roles.Approver))
        {
            throw new ForbiddenException(AssessmentTexts.Rules_OnlyCaseOfficersOrApprovers);
        }
    }

    public static void EnsureMayAssess(CaseView view, CurrentUser me)
    {
        if (view.IsWithdrawn)
        {
            throw new RuleViolationException(AssessmentTexts.Rules_Withdrawn, "withdrawn");
        }
        if (view.DeclarationOf(me.Id) is not { Conflict: false } || view.HasConflict(me.Id))
        {
            throw new RuleViolationException(AssessmentTexts.Rules_ImpartialityRequired, "impartiality-required");
        }
        if (view.CaseFile?.IsAssignedTo(me.Id ?? "") != true)
        {
            throw new RuleViolationException(
                view.CaseFile?.AssignedOfficerName is { } name ? Format.Text(AssessmentTexts.Rules_AssignedTo, name) : AssessmentTexts.Rules_NotAssignedToYou,
                "not-assigned");
        }
    }

    /// <summary>Once the allocation is sent for approval, the assessments it was made from are frozen.</summary>
    /// <param name="forApplicant">The refusal the applicant reads instead of the case officer's.</param>
    /// <param name="awaitingApproval">The refusal while the allocation awaits approval, when not the assessment's.</param>
    /// <param name="approved">The refusal after approval, when not the assessment's.</param>
    public static async Task EnsureRoundOpenAsync(
        AppDbContext db, Application application, CancellationToken ct, string? forApplicant = null, string? awaitingApproval = null, string? approved = null)
    {
        var status = await db.RoundStatusAsync(application.EmbeteId, application.SchemeYear, ct);
        if (status is RoundStatus.AwaitingApproval)
        {
            throw new RuleViolationException(forApplicant ?? awaitingApproval ?? AssessmentTexts.Rules_RoundAwaitingApproval, "round-awaiting-approval");
        }
        if (status is RoundStatus.Approved)
        {
            throw new RuleViolationException(forApplicant ?? approved ?? AssessmentTexts.Rules_RoundApproved, "round-approved");
        }
    }

    public static async Task<CaseFile> OpenCaseFileAsync(AppDbContext db, Application application, DateTimeOffset now, CancellationToken ct)
    {
        var caseFile = await db.CaseFiles.SingleOrDefaultAsync(c => c.ApplicationId == application.Id, ct);
        if (caseFile is null)
        {
            caseFile = CaseFile.Open(application, now);
            db.CaseFiles.Add(caseFile);
        }
        return caseFile;
    }

    /// <summary>The embete's case officers, by name, for the leader to assign a case to.</summary>
    public static async Task<IReadOnlyList<Actor>> OfficersAsync(AppDbContext db, Application application, CancellationToken ct)
    {
        var officerRole = await db.Roles.Where(r => r.Name == Roles.CaseOfficer).Select(r => r.Id).SingleAsync(ct);
        var officers = await db.Users
            .Where(u => u.EmbeteId == application.EmbeteId && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == officerRole))
            .Select(u => new { u.Id, u.FullName, u.Email })
            .ToListAsync(ct);
        return [.. officers.OrderBy(o => o.FullName ?? o.Email, StringComparer.Ordinal).Select(o => new Actor(o.Id, o.FullName, o.Email))];
    }

    /// <summary>The e-mail addresses of the embete's leaders (approvers), who assign cases.</summary>
    public static async Task<List<string>> LeaderEmailsAsync(AppDbContext db, string embeteId, CancellationToken ct)
    {
        var role = await db.Roles.Where(r => r.Name == Roles.Approver).Select(r => r.Id).SingleAsync(ct);
        return await db.Users
            .Where(u => u.EmbeteId == embeteId && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role))
            .Select(u => u.Email!).ToListAsync(ct);
    }
}
