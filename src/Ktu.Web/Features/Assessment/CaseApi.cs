using Ktu.Web.Data;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Assessment;

public sealed record ImpartialityRequest(bool Conflict, string? Reason);

/// <param name="ExtraConditions">Conditions for this applicant beyond the scheme year's standard ones, printed in the grant letter. Omitted or empty: none.</param>
public sealed record AssessmentRequest(int? Version, IReadOnlyList<LineAssessmentRequest>? Lines, string? Note, bool Completed, string? ExtraConditions = null);

public sealed record LineAssessmentRequest(string? LineId, int? Score, long? Amount, string? Reason);

public sealed record QuestionRequest(string? Question);

public sealed record AnswerRequest(string? Answer);

public sealed record MessageResponse(string Message);

public sealed record InboxItemDto(
    Guid ApplicationId, string Reference, string Applicant, string OrgNumber, string Kind, int? Centrality, bool District,
    DateTimeOffset SubmittedAt, string Status, string StatusName, string? AssignedOfficer,
    long Competence, long Bpa, long Projects, long Total, int OpenQuestions);

public sealed record InboxResponse(int Year, IReadOnlyDictionary<string, int> Counts, int Total, IReadOnlyList<InboxItemDto> Items);

public sealed record CaseLineDto(string Id, string Part, string Label, long AmountApplied, string? EducationType, string? BpaRole, string? Theme, bool Continuation,
    int? Score, long? AmountAssessed, string? Reason);

public sealed record DeclarationDto(string UserName, bool Conflict, string? Reason, DateTimeOffset DeclaredAt);

public sealed record QuestionDto(Guid Id, string Question, string AskedBy, DateTimeOffset AskedAt, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt);

public sealed record CaseResponse(
    Guid ApplicationId, string Reference, string Applicant, string OrgNumber, bool District, int SchemeYear,
    string Status, string StatusName, string? AssignedOfficer, int Version, string? InternalNote, string? ExtraConditions,
    int SubmissionNumber, string SubmissionSha256,
    IReadOnlyList<CaseLineDto> Lines, IReadOnlyList<DeclarationDto> Declarations, IReadOnlyList<QuestionDto> Questions);

/// <summary>The case officer's side over JSON: inbox, case, impartiality, assessment and questions to the applicant.</summary>
public static class CaseApi
{
    public static void MapCaseApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases")
            .WithTags("Saksbehandling")
            .RequireAuthorization(Policies.EmbeteStaff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", InboxAsync)
            .WithSummary("Innboksen: embetets innsendte søknader for et år (uten year: det nyeste året med innsendte søknader) med status, søker, sentralitet og søkt beløp per del. Søk, filtre og sortering; antall per status.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", GetAsync)
            .WithSummary("Saken: den siste innsendte søknaden delt i linjer, vurderingen, habilitetserklæringer og spørsmål til søkeren. Interne notater vises bare i embetet.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/impartiality", DeclareAsync)
            .WithSummary("Erklær deg habil (og ta saken hvis ingen har den) eller inhabil (saken går til en annen saksbehandler). Loggføres.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}/assessment", AssessAsync)
            .WithSummary("Lagre vurderingen per linje: poeng 0–5, beløp (høyst det søkte) og kort begrunnelse som kan stå i brevet. completed=true melder saken ferdig vurdert.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/questions", AskAsync)
            .WithSummary("Be søkeren om flere opplysninger. Saken får status «venter på søker» til søkeren har svart.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Ok<InboxResponse>> InboxAsync(
        AppDbContext db, CurrentUser me, int? year, string? status, string? search, bool? district, string? sort, bool? desc, CancellationToken ct)
    {
        var r = await Inbox.LoadAsync(db, me, year ?? await Inbox.DefaultYearAsync(db, me, ct), status, search, district, sort, desc == true, ct);
        return TypedResults.Ok(new InboxResponse(r.Year, r.Counts, r.Total, r.Items.Select(i => new InboxItemDto(
            i.ApplicationId, i.Reference, i.Applicant, i.OrgNumber, i.Kind.ToString(), i.Centrality, i.District, i.SubmittedAt,
            i.Status, i.StatusName, i.AssignedOfficer, i.Competence, i.Bpa, i.Projects, i.Total, i.OpenQuestions)).ToList()));
    }

    internal static async Task<Ok<CaseResponse>> GetAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await CaseAccess.LoadViewAsync(db, me, id, ct)));

    internal static async Task<Results<Ok<MessageResponse>, ValidationProblem>> DeclareAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] ImpartialityRequest? body, CancellationToken ct)
    {
        if (body is null)
        {
            return FieldErrors.Of("conflict", "Oppgi om du er habil (conflict: false) eller inhabil (conflict: true).").ToValidationProblem();
        }
        var (message, errors) = await CaseActions.DeclareImpartialityAsync(db, me, time, id, new(body.Conflict, body.Reason), ct);
        return errors.Count > 0 ? errors.ToValidationProblem() : TypedResults.Ok(new MessageResponse(message));
    }

    internal static async Task<Results<Ok<CaseResponse>, ValidationProblem>> AssessAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] AssessmentRequest? body, CancellationToken ct)
    {
        if (body is null)
        {
            return FieldErrors.Of("lines", "Send vurderingen som JSON med linjene.").ToValidationProblem();
        }
        var input = new CaseActions.AssessmentInput(body.Version,
            body.Lines?.Select(l => new CaseActions.LineAssessmentInput(l?.LineId, l?.Score, l?.Amount, l?.Reason)).ToList(),
            body.Note, body.Completed, body.ExtraConditions);
        var errors = await CaseActions.AssessAsync(db, me, time, id, input, ct);
        return errors.Count > 0 ? errors.ToValidationProblem() : TypedResults.Ok(ToResponse(await CaseAccess.LoadViewAsync(db, me, id, ct)));
    }

    internal static async Task<Results<Ok<CaseResponse>, ValidationProblem>> AskAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] QuestionRequest? body, CancellationToken ct)
    {
        var errors = await CaseActions.AskApplicantAsync(db, me, time, id, body?.Question, ct);
        return errors.Count > 0 ? errors.ToValidationProblem() : TypedResults.Ok(ToResponse(await CaseAccess.LoadViewAsync(db, me, id, ct)));
    }

    internal static QuestionDto ToDto(InformationRequest q) =>
        new(q.Id, q.Question, q.AskedByName, q.AskedAt, q.Answer, q.AnsweredByName, q.AnsweredAt);

    private static CaseResponse ToResponse(CaseView v)
    {
        var assessed = (v.CaseFile?.ReadAssessments() ?? []).ToDictionary(a => a.LineId, StringComparer.Ordinal);
        return new CaseResponse(v.Application.Id, v.Application.Reference ?? "", v.Organisation.Name, v.Organisation.OrgNumber, v.District,
            v.Application.SchemeYear, v.IsWithdrawn ? Inbox.Withdrawn : v.Status.ToString(), CaseStatusName.Of(v.Status, v.IsWithdrawn),
            v.CaseFile?.AssignedOfficerName, v.CaseFile?.Version ?? 0, v.CaseFile?.InternalNote, v.CaseFile?.ExtraConditions, v.Submission.Number, v.Submission.Sha256,
            v.Lines.Select(l =>
            {
                var a = assessed.GetValueOrDefault(l.Id);
                return new CaseLineDto(l.Id, l.Part.ToString(), l.Label, l.AmountApplied, l.EducationType, l.BpaRole?.ToString(), l.Theme, l.Continuation,
                    a?.Score, a?.Amount, a?.Reason);
            }).ToList(),
            v.Declarations.Select(d => new DeclarationDto(d.UserName, d.Conflict, d.Reason, d.DeclaredAt)).ToList(),
            v.Questions.Select(ToDto).ToList());
    }
}
