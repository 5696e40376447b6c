using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Assessment;

public sealed record QuestionRequest(string? Question);

/// <summary>
/// The case officer asks the applicant for more information. The case waits for the answer, and the applicant's
/// contact person gets an e-mail saying where to answer.
/// </summary>
internal static class AskApplicant
{
    internal abstract record Outcome;
    internal sealed record Asked : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapPost("/{id:guid}/questions", AskAsync)
            .WithSummary("Be søkeren om flere opplysninger. Saken får status «venter på søker» til søkeren har svart.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<CaseResponse>, ValidationProblem>> AskAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] QuestionRequest? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, id, body?.Question, ct) switch
        {
            Asked => TypedResults.Ok(CaseResponse.From(await CaseAccess.LoadViewAsync(db, me, id, ct), me)),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unknown outcome {other}."),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, string? question, CancellationToken ct)
    {
        CaseRules.RequireCaseOfficer(me);
        var view = await CaseAccess.LoadViewAsync(db, me, applicationId, ct);
        var text = question?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new Invalid(FieldErrors.Of("question", AssessmentTexts.Ask_QuestionRequired));
        }
        if (text.Length > InformationRequest.MaxLength)
        {
            return new Invalid(FieldErrors.Of("question", Format.Text(AssessmentTexts.Ask_QuestionTooLong, InformationRequest.MaxLength)));
        }
        CaseRules.EnsureMayAssess(view, me);
        await CaseRules.EnsureRoundOpenAsync(db, view.Application, ct);
        var now = time.GetUtcNow();
        var actor = me.Actor;
        var request = InformationRequest.Ask(view.Application.Id, text, actor, now);
        db.InformationRequests.Add(request);
        view.CaseFile!.AwaitApplicant(actor, now);
        AuditTrail.Record(db, me, now, "case.information-requested", "application", view.Application.Id.ToString(),
            view.Application.OrganisationId, view.Application.EmbeteId, after: new { request.Id, request.Question });
        if (view.Snapshot.Application.Contact?.Email is { Length: > 0 } to && ContactPersonIsReachable.IsEmail(to))
        {
            var reference = view.Application.Reference;
            db.OutboxMessages.Add(OutboxMessage.Email(to.Trim(), Format.Text(AssessmentTexts.Email_Question_Subject, reference),
                Format.Text(AssessmentTexts.Email_Question_Body, view.Snapshot.ReceivingEmbete.Name, reference), now));
        }
        await db.SaveChangesAsync(ct);
        return new Asked();
    }
}
