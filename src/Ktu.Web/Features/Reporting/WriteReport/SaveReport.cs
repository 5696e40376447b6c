using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// Saves the whole report as typed, complete or not, in the report window (or after it when the embete sent it back), and
/// returns it with its issues. What the grant fixes (lines, persons, granted amounts) is taken from the grant, never from
/// the input. A stale version gets 409 and nothing is saved; an approved report cannot be changed.
/// </summary>
internal static class SaveReport
{
    internal abstract record Outcome;
    internal sealed record Saved(ReportView View) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;
    internal sealed record Conflict(ReportView Current) : Outcome;

    public static void Map(RouteGroupBuilder grant)
    {
        grant.MapGet("/report", GetAsync)
            .RequireApiScope(ApiScopes.ReportsRead)
            .RequireAuthorization()
            .WithSummary("Rapporten for tilskuddet, forhåndsutfylt fra vedtaket før første lagring (versjon 0), med summer, vindu, vedlegg og gjenstående feil. For søkeren og embetet.");
        grant.MapPut("/report", PutAsync)
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Lagre hele rapporten med versjonen den ble hentet i. Lagres alltid, også uferdig, mens rapporten er åpen. 409 hvis noen har lagret i mellomtiden, fristen er ute eller rapporten er godkjent.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Ok<ReportDocument>> GetAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid id, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var report = await ReportAccess.ReportAsync(db, grant.Id, ct);
        return TypedResults.Ok(ReportDocument.From(await ReportView.LoadAsync(db, grant, report, time.GetUtcNow(), ct)));
    }

    internal static async Task<Results<Ok<ReportDocument>, ValidationProblem, ProblemHttpResult>> PutAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] ReportInput? input, CancellationToken ct)
    {
        return await HandleAsync(db, me, time, id, input ?? new ReportInput(null, null), ct) switch
        {
            Saved s => TypedResults.Ok(ReportDocument.From(s.View)),
            Invalid i => i.Errors.ToValidationProblem(),
            Conflict c => TypedResults.Problem(ReportProblems.VersionConflict(c.Current, ReportingTexts.Save_Conflict)),
            var other => throw new InvalidOperationException($"Unknown outcome {other}."),
        };
    }

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid grantId, ReportInput input, CancellationToken ct)
    {
        var grant = await ReportAccess.OwnGrantAsync(db, me, grantId, ct);
        var errors = ReportShape.Check(input.Report);
        if (input.Version is null)
        {
            errors.Add("version", ReportingTexts.Shape_VersionMissing);
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var now = time.GetUtcNow();
        var report = await ReportAccess.ReportAsync(db, grant.Id, ct);
        var view = await ReportView.LoadAsync(db, grant, report, now, ct);
        ReportRulesOfWriting.EnsureWritable(view);
        if (input.Version != view.Version)
        {
            return new Conflict(view);
        }
        // view.Content carries the grant's lines; only the applicant's figures and texts are taken from the input.
        var content = ReportPrefill.Merge(view.Content, input.Report!);
        if (report is null)
        {
            report = GrantReport.Start(grant, content, me.Actor, now);
            db.GrantReports.Add(report);
            AuditTrail.Record(db, me, now, "report.started", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone else made the first save at the same moment: theirs stands, ours is reported as a conflict.
                db.ChangeTracker.Clear();
                return new Conflict(await ReportView.LoadAsync(db, grant, await ReportAccess.ReportAsync(db, grant.Id, ct), now, ct));
            }
        }
        else
        {
            report.SaveDraft(content, me.Actor, now);
            if (!await ReportAccess.SaveGuardedAsync(db, ct))
            {
                db.ChangeTracker.Clear();
                return new Conflict(await ReportView.LoadAsync(db, grant, await ReportAccess.ReportAsync(db, grant.Id, ct), now, ct));
            }
        }
        return new Saved(await ReportView.LoadAsync(db, grant, report, now, ct));
    }
}
