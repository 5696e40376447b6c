using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Assessment;

public sealed record AssignmentRequest(string? OfficerId);

/// <summary>
/// The embete's leader hands a case to a case officer of the embete (issue 16): a declared conflict stands, so a
/// case leaves a conflicted officer only through the leader, never by the officer's own say. The officer chosen
/// may not have declared a conflict on the application; nothing moves while the allocation awaits approval or after
/// the decision. The officer gets an e-mail; written to the audit trail.
/// </summary>
internal static class AssignCase
{
    internal abstract record Outcome;
    /// <param name="OfficerName">Who has the case now.</param>
    internal sealed record Assigned(string OfficerName) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapPost("/{id:guid}/assignment", AssignAsync)
            .WithSummary("Lederen tildeler saken til en saksbehandler i embetet som ikke har erklært seg inhabil. Loggføres.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<MessageResponse>, ValidationProblem>> AssignAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] AssignmentRequest? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, id, body?.OfficerId, ct) switch
        {
            Assigned a => TypedResults.Ok(new MessageResponse(Format.Text(AssessmentTexts.Assign_Done, a.OfficerName))),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unknown outcome {other}."),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, string? officerId, CancellationToken ct)
    {
        if (!me.IsInRole(Roles.Approver))
        {
            throw new ForbiddenException(AssessmentTexts.Assign_OnlyLeader);
        }
        var application = await CaseAccess.LoadAsync(db, me, applicationId, ct);
        var officers = await CaseRules.OfficersAsync(db, application, ct);
        var officer = officers.SingleOrDefault(o => o.UserId == officerId?.Trim());
        if (officer is null)
        {
            return new Invalid(FieldErrors.Of("officerId", AssessmentTexts.Assign_OfficerUnknown));
        }
        await CaseRules.EnsureRoundOpenAsync(db, application, ct,
            awaitingApproval: AssessmentTexts.Rules_DeclarationsFrozenAwaitingApproval, approved: AssessmentTexts.Rules_DeclarationsFrozenApproved);
        var conflicted = await db.HasDeclaredConflictAsync(application.Id, officer.UserId, ct);
        if (conflicted)
        {
            throw new RuleViolationException(Format.Text(AssessmentTexts.Assign_OfficerConflicted, officer.Name ?? officer.Email), "officer-conflicted");
        }
        var now = time.GetUtcNow();
        var caseFile = await CaseRules.OpenCaseFileAsync(db, application, now, ct);
        var name = officer.Name ?? officer.Email ?? officer.UserId;
        if (caseFile.IsAssignedTo(officer.UserId))
        {
            return new Assigned(name);
        }
        var before = caseFile.AssignedOfficerName;
        caseFile.AssignTo(officer, now);
        AuditTrail.Record(db, me, now, "case.reassigned", "application", application.Id.ToString(),
            application.OrganisationId, application.EmbeteId,
            before: new { officer = before }, after: new { officer = name, by = "leder" });
        if (officer.Email is { } to)
        {
            db.OutboxMessages.Add(OutboxMessage.Email(to, Format.Text(AssessmentTexts.Email_Reassigned_Subject, application.Reference),
                Format.Text(AssessmentTexts.Email_Reassigned_Body, application.Reference), now));
        }
        await db.SaveChangesAsync(ct);
        return new Assigned(name);
    }
}
