using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

public sealed record AnswerRequest(string? Answer);

/// <summary>
/// The applicant answers a question from the embete on its own application. When no question is left open the case
/// goes back to the case officer, who gets an e-mail. The page is <see cref="QuestionsModel"/>.
/// </summary>
internal static class AnswerQuestion
{
    internal abstract record Outcome;
    internal sealed record Answered(InformationRequest Question) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder application)
    {
        application.MapGet("/questions", QuestionsAsync)
            .WithSummary("Spørsmål fra Statsforvalteren om søknaden, med svarene som er gitt.");
        application.MapPost("/questions/{questionId:guid}/answer", AnswerAsync)
            .WithSummary("Svar på et spørsmål fra Statsforvalteren. Saken går tilbake til saksbehandleren når alle spørsmål er besvart.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Ok<List<QuestionDto>>> QuestionsAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        var questions = await db.InformationRequests.AsNoTracking().Where(q => q.ApplicationId == application.Id).ToListAsync(ct);
        return TypedResults.Ok(questions.OrderBy(q => q.AskedAt).Select(QuestionDto.From).ToList());
    }

    internal static async Task<Results<Ok<QuestionDto>, ValidationProblem>> AnswerAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Guid questionId, [FromBody] AnswerRequest? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, id, questionId, body?.Answer, ct) switch
        {
            Answered a => TypedResults.Ok(QuestionDto.From(a.Question)),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unknown outcome {other}."),
        };

    public static async Task<Outcome> HandleAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, Guid requestId, string? answer, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, applicationId, ct);
        var text = answer?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new Invalid(FieldErrors.Of("answer", ApplicationTexts.Answer_Required));
        }
        if (text.Length > InformationRequest.MaxLength)
        {
            return new Invalid(FieldErrors.Of("answer", Format.Text(ApplicationTexts.Answer_TooLong, InformationRequest.MaxLength)));
        }
        var request = await db.InformationRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.ApplicationId == application.Id, ct)
            ?? throw new NotFoundException(ApplicationTexts.Answer_QuestionNotFound);
        if (!request.IsOpen)
        {
            throw new RuleViolationException(ApplicationTexts.Answer_AlreadyAnswered, "already-answered");
        }
        var now = time.GetUtcNow();
        request.Reply(text, me.Actor, now);
        var stillOpen = await db.InformationRequests.AnyAsync(r => r.ApplicationId == application.Id && r.Id != request.Id && r.AnsweredAt == null, ct);
        var caseFile = await db.CaseFiles.SingleOrDefaultAsync(c => c.ApplicationId == application.Id, ct);
        if (!stillOpen)
        {
            caseFile?.ApplicantAnswered(now);
        }
        AuditTrail.Record(db, me, now, "application.information-provided", "application", application.Id.ToString(),
            application.OrganisationId, application.EmbeteId, after: new { request.Id, request.Answer });
        if (caseFile?.AssignedOfficerId is { } officerId
            && await db.Users.Where(u => u.Id == officerId).Select(u => u.Email).SingleOrDefaultAsync(ct) is { } to)
        {
            db.OutboxMessages.Add(OutboxMessage.Email(to, Format.Text(ApplicationTexts.Email_Answered_Subject, application.Reference),
                Format.Text(ApplicationTexts.Email_Answered_Body, application.Reference), now));
        }
        await db.SaveChangesAsync(ct);
        return new Answered(request);
    }
}
