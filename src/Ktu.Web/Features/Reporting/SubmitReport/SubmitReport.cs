using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

public sealed record SubmitReportRequest(int? Version);

/// <summary>
/// Sends the report: in the window (or after a send-back) and without errors. Stores an immutable snapshot with its SHA-256,
/// queues the receipt e-mail and writes the audit trail in one transaction. A double click or a retried request gives one
/// submission and the same receipt; sending a changed report before the embete has approved it adds a new submission and
/// keeps the old.
/// </summary>
internal static class SubmitReport
{
    private const int MaxAttempts = 3;

    internal abstract record Outcome;
    internal sealed record Submitted(GrantReportSubmission Submission, bool Repeated) : Outcome;
    internal sealed record Refused(string Message, string Code, IReadOnlyList<ValidationIssue> Issues) : Outcome;
    internal sealed record Conflict(ReportView Current) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/report/submit", PostAsync)
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Send rapporten til Statsforvalteren. Gir kvittering med referanse, tidspunkt og SHA-256 av den lagrede kopien, og en PDF-kopi. Å sende på nytt gir samme kvittering.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<ReportReceipt>, ProblemHttpResult>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] SubmitReportRequest? body, CancellationToken ct)
    {
        switch (await HandleAsync(db, me, time, id, body?.Version, ct))
        {
            case Submitted s:
                return TypedResults.Ok(ReportReceipt.Of(s.Submission));
            case Refused r:
                var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = r.Message };
                problem.Extensions["code"] = r.Code;
                problem.Extensions["issues"] = r.Issues;
                return TypedResults.Problem(problem);
            case Conflict c:
                return TypedResults.Problem(ReportProblems.VersionConflict(c.Current, ReportingTexts.Submit_Conflict));
            case var other:
                throw new InvalidOperationException($"Unknown outcome {other}.");
        }
    }

    /// <param name="version">The version the user saw; null means "whatever is stored now".</param>
    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid grantId, int? version, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await strategy.ExecuteAsync(c => AttemptAsync(db, me, time, grantId, version, c), ct);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A simultaneous send of the same version won (unique per version): the next round returns its receipt.
            }
            catch (DbUpdateException)
            {
                throw new RuleViolationException(ReportingTexts.Submit_Busy, "busy");
            }
        }
    }

    private static async Task<Outcome> AttemptAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid grantId, int? version, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var grant = await ReportAccess.OwnGrantAsync(db, me, grantId, ct);
        var report = await ReportAccess.ReportAsync(db, grant.Id, ct)
            ?? throw new RuleViolationException(ReportingTexts.Submit_NotStarted, "report-not-started");
        var now = time.GetUtcNow();
        var view = await ReportView.LoadAsync(db, grant, report, now, ct);

        if (report.Status is ReportStatus.Submitted or ReportStatus.Approved)
        {
            var latest = await LatestAsync(db, report.Id, ct);
            if (version is null || version == report.Version || version == latest.ReportVersion)
            {
                return new Submitted(latest, Repeated: true);
            }
            return new Conflict(view);
        }
        if (version is not null && version != report.Version)
        {
            return new Conflict(view);
        }
        ReportRulesOfWriting.EnsureWritable(view);
        if (view.HasErrors)
        {
            var count = view.Issues.Count(i => i.Severity == IssueSeverity.Error);
            return new Refused(Format.Text(ReportingTexts.Submit_HasErrors, count), "report-has-errors", view.Issues);
        }

        var organisation = await db.Reference.OrganisationAsync(grant.OrganisationId, ct);
        var embete = await db.Reference.EmbeteAsync(grant.EmbeteId, ct);
        var actor = me.Actor;
        var snapshot = new ReportSnapshot
        {
            Reference = grant.CaseReference + "-R",
            Number = 0,
            GrantId = grant.Id,
            CaseReference = grant.CaseReference,
            SchemeYear = grant.SchemeYear,
            SubmittedAt = now,
            SubmittedBy = actor.Name is { } name ? $"{name} ({actor.Email})" : actor.Email ?? actor.UserId,
            Organisation = new(grant.ApplicantOrgNumber, organisation?.Name ?? grant.ApplicantName),
            ReceivingEmbete = new(grant.EmbeteId, embete?.NameBokmal ?? grant.EmbeteId),
            Report = view.Content,
            Granted = grant.AmountGranted,
            Spent = view.Content.TotalSpent,
            Unused = view.Content.Unused,
            Evidence = view.Requirement.Evidence,
            Attachments = view.Attachments.Select(a => new AttachmentRef(a.Id, a.Kind, a.FileName, a.Size, a.Sha256)).ToList(),
            Issues = view.Issues,
        };
        return await WriteTransaction.RunAsync(db, async () =>
        {
            var submission = report.Submit(snapshot, actor, now);
            db.GrantReportSubmissions.Add(submission);
            if (actor.Email is { } to)
            {
                db.OutboxMessages.Add(OutboxMessage.Email(to,
                    Format.Text(ReportingTexts.Email_Receipt_Subject, grant.CaseReference),
                    Format.Text(ReportingTexts.Email_Receipt_Body, grant.SchemeYear, submission.Reference, Format.Deadline(now), submission.Sha256, embete?.NameBokmal),
                    now));
            }
            AuditTrail.Record(db, me, now, "report.submitted", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
                after: new { submission.Reference, submission.Number, submission.Sha256, report.Version, spent = snapshot.Spent, unused = snapshot.Unused });
            await db.SaveChangesAsync(ct);
            return (Outcome)new Submitted(submission, Repeated: false);
        }, ct);
    }

    public static Task<GrantReportSubmission> LatestAsync(AppDbContext db, Guid reportId, CancellationToken ct) =>
        db.GrantReportSubmissions.AsNoTracking()
            .Where(s => s.GrantReportId == reportId)
            .OrderByDescending(s => s.Number)
            .FirstAsync(ct);
}
