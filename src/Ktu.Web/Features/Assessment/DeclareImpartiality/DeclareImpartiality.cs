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
/// A case officer or approver declares impartiality (forvaltningsloven § 6), once per person and application. It is
/// only a declaration (issue 16): nobody takes a case by declaring no conflict, the embete's leader assigns it
/// (AssignCase); the assigned officer's conflict takes the case from them and back to the leaders, who get an e-mail. A declared conflict stands (409 on any later declaration), and nothing can be
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
            .WithSummary("Erklær deg habil eller inhabil. Bare en erklæring: lederen tildeler saker. Er du inhabil i en sak du har, går den tilbake til lederen. Loggføres.")
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
            // Only a declaration: a case is given to an officer by the embete's leader (AssignCase), never taken by declaring.
            message = caseFile.IsAssignedTo(actor.UserId) ? AssessmentTexts.Impartiality_Declared
                : caseFile.AssignedOfficerName is { } name ? Format.Text(AssessmentTexts.Impartiality_DeclaredAssignedTo, name)
                : AssessmentTexts.Impartiality_DeclaredUnassigned;
        }
        else if (caseFile.IsAssignedTo(actor.UserId))
        {
            // The case leaves the conflicted officer and goes back to the leader, who gives it to someone else.
            caseFile.AssignTo(null, now);
            AuditTrail.Record(db, me, now, "case.unassigned", "application", application.Id.ToString(),
                application.OrganisationId, application.EmbeteId,
                before: new { officer = actor.Name ?? actor.Email }, after: new { officer = (string?)null, reason = "inhabil" });
            foreach (var leader in await CaseRules.LeaderEmailsAsync(db, application.EmbeteId, ct))
            {
                db.OutboxMessages.Add(OutboxMessage.Email(leader, Format.Text(AssessmentTexts.Email_Unassigned_Subject, application.Reference),
                    Format.Text(AssessmentTexts.Email_Unassigned_Body, application.Reference), now));
            }
            message = AssessmentTexts.Impartiality_ConflictBackToLeader;
        }
        else
        {
            message = AssessmentTexts.Impartiality_Conflict;
        }
        await db.SaveChangesAsync(ct);
        return new Declared(message);
    }
}
