using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Assessment;

public sealed record ImpartialityRequest(bool Conflict, string? Reason);

public sealed record MessageResponse(string Message);

/// <summary>
/// A case officer or approver declares impartiality (forvaltningsloven § 6), once per person and application: an
/// officer who is impartial takes an unassigned case; an officer's conflict hands the case on to another officer of
/// the embete, who gets an e-mail. A declared conflict stands (409 on any later declaration), and nothing can be
/// declared while the allocation awaits approval or after the decision. Written to the audit trail.
/// </summary>
internal static class DeclareImpartiality
{
    internal sealed record Input(bool Conflict, string? Reason);

    internal abstract record Outcome;
    /// <param name="Message">What the declaration did, for the user.</param>
    internal sealed record Declared(string Message) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapPost("/{id:guid}/impartiality", DeclareAsync)
            .WithSummary("Erklær deg habil (og ta saken hvis ingen har den) eller inhabil (saken går til en annen saksbehandler). Loggføres.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<MessageResponse>, ValidationProblem>> DeclareAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] ImpartialityRequest? body, CancellationToken ct)
    {
        if (body is null)
        {
            return FieldErrors.Of("conflict", AssessmentTexts.Impartiality_BodyMissing).ToValidationProblem();
        }
        return await HandleAsync(db, me, time, id, new(body.Conflict, body.Reason), ct) switch
        {
            Declared d => TypedResults.Ok(new MessageResponse(d.Message)),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unknown outcome {other}."),
        };
    }

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, Input input, CancellationToken ct)
    {
        CaseRules.RequireCaseOfficerOrApprover(me);
        var isOfficer = me.IsInRole(Roles.CaseOfficer);
        var application = await CaseAccess.LoadAsync(db, me, applicationId, ct);
        var errors = new FieldErrors();
        var reason = input.Reason?.Trim();
        if (input.Conflict && string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", AssessmentTexts.Impartiality_ReasonRequired);
        }
        if (reason is { Length: > ImpartialityDeclaration.MaxReasonLength })
        {
            errors.Add("reason", Format.Text(AssessmentTexts.Impartiality_ReasonTooLong, ImpartialityDeclaration.MaxReasonLength));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        // Assignment and declarations are frozen while the allocation awaits approval and after the decision.
        await CaseRules.EnsureRoundOpenAsync(db, application, ct,
            awaitingApproval: AssessmentTexts.Rules_DeclarationsFrozenAwaitingApproval, approved: AssessmentTexts.Rules_DeclarationsFrozenApproved);
        var earlier = await db.ImpartialityDeclarations.AsNoTracking()
            .Where(d => d.ApplicationId == application.Id && d.UserId == me.Id)
            .Select(d => d.Conflict).ToListAsync(ct);
        if (earlier.Contains(true))
        {
            // A declared conflict stands: it cannot be taken back by the one who declared it, and nothing else can be declared over it.
            throw new RuleViolationException(AssessmentTexts.Impartiality_ConflictStands, "conflict-stands");
        }
        if (!input.Conflict && earlier.Count > 0)
        {
            throw new RuleViolationException(AssessmentTexts.Impartiality_AlreadyDeclared, "already-declared");
        }
        var now = time.GetUtcNow();
        var actor = me.Actor;
        var caseFile = await CaseRules.OpenCaseFileAsync(db, application, now, ct);
        var declaration = ImpartialityDeclaration.Declare(application.Id, actor, input.Conflict, reason, now);
        db.ImpartialityDeclarations.Add(declaration);
        AuditTrail.Record(db, me, now, "case.impartiality-declared", "application", application.Id.ToString(),
            application.OrganisationId, application.EmbeteId, after: new { declaration.Conflict, declaration.Reason });

        string message;
        if (!input.Conflict)
        {
            if (caseFile.AssignedOfficerId is null && isOfficer)
            {
                caseFile.AssignTo(actor, now);
                AuditTrail.Record(db, me, now, "case.assigned", "application", application.Id.ToString(),
                    application.OrganisationId, application.EmbeteId, after: new { officer = actor.Name ?? actor.Email });
                message = AssessmentTexts.Impartiality_DeclaredAndAssigned;
            }
            else
            {
                message = caseFile.IsAssignedTo(actor.UserId)
                    ? AssessmentTexts.Impartiality_Declared
                    : Format.Text(AssessmentTexts.Impartiality_DeclaredAssignedTo, caseFile.AssignedOfficerName);
            }
        }
        else if (isOfficer && (caseFile.AssignedOfficerId is null || caseFile.IsAssignedTo(actor.UserId)))
        {
            var next = await CaseRules.NextOfficerAsync(db, application, actor.UserId, ct);
            var before = caseFile.AssignedOfficerName;
            caseFile.AssignTo(next, now);
            AuditTrail.Record(db, me, now, "case.reassigned", "application", application.Id.ToString(),
                application.OrganisationId, application.EmbeteId,
                before: new { officer = before }, after: new { officer = next?.Name ?? next?.Email, reason = "inhabil" });
            message = next is null
                ? AssessmentTexts.Impartiality_ConflictNoOtherOfficer
                : Format.Text(AssessmentTexts.Impartiality_ConflictHandedOn, next.Name ?? next.Email);
            if (next?.Email is { } to)
            {
                db.OutboxMessages.Add(OutboxMessage.Email(to, Format.Text(AssessmentTexts.Email_Reassigned_Subject, application.Reference),
                    Format.Text(AssessmentTexts.Email_Reassigned_Body, application.Reference), now));
            }
        }
        else
        {
            message = AssessmentTexts.Impartiality_Conflict;
        }
        await db.SaveChangesAsync(ct);
        return new Declared(message);
    }
}
