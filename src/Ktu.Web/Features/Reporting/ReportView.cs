using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>An attachment without its bytes.</summary>
public sealed record AttachmentInfo(Guid Id, AttachmentKind Kind, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string? UploadedBy);

/// <summary>
/// A grant's report as the applicant and the embete see it: the stored report (or, before the first save, the report
/// prefilled from the grant), the window, what the accounts need attached, the attachments and the issues.
/// </summary>
internal sealed record ReportView(
    GrantDecision Grant,
    GrantReport? Report,
    ReportContent Content,
    SchemeYear Scheme,
    ReportWindow Window,
    AuditorRequirement Requirement,
    IReadOnlyList<AttachmentInfo> Attachments,
    IReadOnlyList<ValidationIssue> Issues,
    DateOnly Today,
    TransferDecision? Transfer,
    int? StatementOwedFrom)
{
    public ReportStatus Status => Report?.Status ?? ReportStatus.Draft;
    public int Version => Report?.Version ?? 0;
    public bool HasErrors => Issues.Any(i => i.Severity == IssueSeverity.Error);
    public bool IsEditable => Report?.IsEditable ?? true;

    /// <summary>Writing is possible in the window, and after it when the embete sent the report back for correction.</summary>
    public bool WindowAllowsWriting => Window.IsOpenOn(Today) || Status == ReportStatus.Returned;

    /// <summary>What the accounts need, and whether it is there (or postponed to next year where that is allowed).</summary>
    public bool EvidenceInPlace =>
        Requirement.IsMet(Attachments.Select(a => a.Kind), Content.AuditorStatementPostponed);

    public AttachmentKind EvidenceKind => Requirement.Kind;

    public static async Task<ReportView> LoadAsync(AppDbContext db, GrantDecision grant, GrantReport? report, DateTimeOffset now, CancellationToken ct)
    {
        var scheme = await db.Reference.SchemeYearAsync(grant.SchemeYear, ct)
            ?? throw new InvalidOperationException($"Scheme year {grant.SchemeYear} is missing.");
        var pot = await db.Pots.AsNoTracking().SingleOrDefaultAsync(p => p.SchemeYear == grant.SchemeYear && p.EmbeteId == grant.EmbeteId, ct);
        var reallocations = await db.Reallocations.AsNoTracking().Where(r => r.GrantDecisionId == grant.Id).ToListAsync(ct);
        var prefill = ReportPrefill.From(grant, await SubmittedContentAsync(db, grant, ct), reallocations);
        var content = report is null ? prefill : ReportPrefill.Merge(prefill, report.ReadContent());
        var attachments = report is null
            ? []
            : await db.ReportAttachments.AsNoTracking()
                .Where(a => a.GrantReportId == report.Id)
                .OrderBy(a => a.UploadedAt)
                .Select(a => new AttachmentInfo(a.Id, a.Kind, a.FileName, a.Size, a.Sha256, a.UploadedAt, a.UploadedByName))
                .ToListAsync(ct);
        // A statement postponed last year to cover two years is owed with this report, whatever this year's amounts.
        int? owedFrom = (await db.StatementsOwedAsync([grant.OrganisationId], grant.SchemeYear, ct)).TryGetValue(grant.OrganisationId, out var from) ? from : null;
        var requirement = AuditorRequirement.For(scheme, grant.AmountGranted, content.TotalSpent, statementOwed: owedFrom is not null);
        var issues = ReportRules.Check(content, scheme, requirement, attachments.Select(a => a.Kind).ToHashSet());
        if (owedFrom is { } year)
        {
            issues = [.. issues, ValidationIssue.Warning("attachments", "statement-owed", Format.Text(ReportingTexts.Rule_StatementOwed, year))];
        }
        var transfer = await db.TransferDecisions.AsNoTracking().SingleOrDefaultAsync(t => t.GrantDecisionId == grant.Id, ct);
        return new ReportView(grant, report, content, scheme, ReportWindow.For(scheme, pot), requirement, attachments, issues, NorwayTime.DateOf(now), transfer, owedFrom);
    }

    /// <summary>The application as last submitted before the decision: the persons the grant was for.</summary>
    private static async Task<ApplicationContent> SubmittedContentAsync(AppDbContext db, GrantDecision grant, CancellationToken ct)
    {
        var submission = await db.ApplicationSubmissions.AsNoTracking()
            .Where(s => s.ApplicationId == grant.ApplicationId && s.SubmittedAt <= grant.DecidedAt)
            .OrderByDescending(s => s.Number)
            .FirstOrDefaultAsync(ct);
        return submission?.ReadSnapshot().Application ?? ApplicationContent.Empty;
    }
}
