using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

public sealed record ReviewReportRequest(int? Version, string? Reason);

/// <summary>
/// The embete's handling of a sent report, with four eyes like the allocation: a case officer checks it and recommends it,
/// or sends it back with a reason (the applicant corrects and sends again); an approver who is someone else approves it.
/// Nobody who has declared a conflict on the application takes part. A report whose accounts need an auditor's statement or
/// a print of the accounts cannot be approved without it. Every step writes the audit trail; the version guards against
/// acting on a report that changed meanwhile.
/// </summary>
internal static class ReviewReport
{
    internal enum Step
    {
        Recommend,
        Approve,
        Return,
    }

    public static void Map(RouteGroupBuilder grant)
    {
        grant.MapPost("/report/recommend", (AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] ReviewReportRequest? body, CancellationToken ct) =>
                PostAsync(db, me, time, id, Step.Recommend, body, ct))
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Saksbehandleren har kontrollert den innsendte rapporten og anbefaler den godkjent. En annen person godkjenner.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapPost("/report/approve", (AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] ReviewReportRequest? body, CancellationToken ct) =>
                PostAsync(db, me, time, id, Step.Approve, body, ct))
            .RequireAuthorization(Policies.Approver)
            .WithSummary("Godkjenn en anbefalt rapport (fire øyne: ikke den som anbefalte). Krever revisorattestasjon eller regnskapsutskrift når regelen sier det.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapPost("/report/return", (AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] ReviewReportRequest? body, CancellationToken ct) =>
                PostAsync(db, me, time, id, Step.Return, body, ct))
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Send rapporten tilbake til søkeren med en begrunnelse. Søkeren retter og sender på nytt; den innsendte kopien beholdes.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Ok<ReportDocument>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Step step, ReviewReportRequest? body, CancellationToken ct)
    {
        // The grant first: someone from another embete learns nothing from how the body is judged.
        await ReportAccess.EmbeteGrantAsync(db, me, id, ct);
        var errors = new FieldErrors();
        if (body?.Version is null)
        {
            errors.Add("version", ReportingTexts.Shape_VersionMissing);
        }
        var reason = body?.Reason?.Trim();
        if (step == Step.Return && string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", ReportingTexts.Review_ReasonRequired);
        }
        if (reason is { Length: > GrantReport.MaxReasonLength })
        {
            errors.Add("reason", Format.Text(ReportingTexts.Review_ReasonTooLong, GrantReport.MaxReasonLength));
        }
        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }
        return TypedResults.Ok(ReportDocument.From(await HandleAsync(db, me, time, id, step, body!.Version!.Value, reason, ct)));
    }

    public static async Task<ReportView> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid grantId, Step step, int version, string? reason, CancellationToken ct)
    {
        var grant = await ReportAccess.EmbeteGrantAsync(db, me, grantId, ct);
        var report = await ReportAccess.ReportAsync(db, grant.Id, ct);
        if (report is not { Status: ReportStatus.Submitted })
        {
            throw new RuleViolationException(ReportingTexts.Review_NotSubmitted, "report-not-submitted");
        }
        if (report.Version != version)
        {
            throw new RuleViolationException(ReportingTexts.Review_VersionConflict, "version-conflict");
        }
        await ReportAccess.EnsureImpartialAsync(db, me, grant, ct);
        var now = time.GetUtcNow();
        var view = await ReportView.LoadAsync(db, grant, report, now, ct);
        var actor = me.Actor;
        switch (step)
        {
            case Step.Recommend:
                if (!me.IsInRole(Roles.CaseOfficer))
                {
                    throw new ForbiddenException(ReportingTexts.Review_OfficerOnly);
                }
                report.Recommend(actor, now);
                AuditTrail.Record(db, me, now, "report.recommended", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
                    after: new { report.SubmissionCount });
                break;
            case Step.Approve:
                if (report.RecommendedByUserId is null)
                {
                    throw new RuleViolationException(ReportingTexts.Review_NotRecommended, "report-not-recommended");
                }
                if (report.RecommendedByUserId == actor.UserId)
                {
                    throw new RuleViolationException(ReportingTexts.Review_OwnRecommendation, "four-eyes");
                }
                if (!view.EvidenceInPlace)
                {
                    throw new RuleViolationException(view.Requirement.Evidence == AccountsEvidence.AuditorStatement
                        ? ReportingTexts.Review_AuditorStatementMissing
                        : ReportingTexts.Review_AccountsPrintMissing, "evidence-missing");
                }
                report.Approve(actor, now);
                AuditTrail.Record(db, me, now, "report.approved", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
                    after: new { report.SubmissionCount, recommendedBy = report.RecommendedByName, unused = view.Content.Unused });
                await NotifyAsync(db, report, grant.CaseReference, ReportingTexts.Email_Approved_Subject,
                    Format.Text(ReportingTexts.Email_Approved_Body, grant.SchemeYear, grant.CaseReference), now, ct);
                break;
            default:
                report.Return(reason!, actor, now);
                AuditTrail.Record(db, me, now, "report.returned", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
                    after: new { reason = report.ReturnedReason });
                await NotifyAsync(db, report, grant.CaseReference, ReportingTexts.Email_Returned_Subject,
                    Format.Text(ReportingTexts.Email_Returned_Body, grant.SchemeYear, grant.CaseReference, report.ReturnedReason), now, ct);
                break;
        }
        if (!await ReportAccess.SaveGuardedAsync(db, ct))
        {
            throw new RuleViolationException(ReportingTexts.Review_VersionConflict, "version-conflict");
        }
        return await ReportView.LoadAsync(db, grant, report, now, ct);
    }

    /// <summary>Tells the one who last sent the report; their address is on the latest submission.</summary>
    private static async Task NotifyAsync(AppDbContext db, GrantReport report, string caseReference, string subject, string body, DateTimeOffset now, CancellationToken ct)
    {
        var to = await db.GrantReportSubmissions.AsNoTracking()
            .Where(s => s.GrantReportId == report.Id).OrderByDescending(s => s.Number).Select(s => s.SubmittedByEmail).FirstOrDefaultAsync(ct);
        if (to is not null)
        {
            db.OutboxMessages.Add(OutboxMessage.Email(to, Format.Text(subject, caseReference), body, now));
        }
    }
}
