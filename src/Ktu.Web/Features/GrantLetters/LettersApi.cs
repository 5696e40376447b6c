using Ktu.Web.Data;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Features.Payments;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

public sealed record LetterVersionDto(int Version, DateOnly LetterDate, DateTimeOffset CreatedAt, string CreatedBy, string? Reason, string PdfSha256, string TemplateSha256);

public sealed record GrantLettersDto(
    Guid GrantId, Guid ApplicationId, string CaseReference, string Applicant, string OrgNumber, long AmountGranted, bool IsRefusal,
    IReadOnlyList<LetterVersionDto> Letters, DateOnly? PaidOn);

public sealed record LettersResponse(int Year, bool RoundApproved, int Decisions, int WithLetter, int Made, int Remaining, IReadOnlyList<GrantLettersDto> Grants);

public sealed record CorrectLetterRequest(string? Reason);

public sealed record MarkPaidRequest(DateOnly? PaidOn);

public sealed record PaidResponse(Guid GrantId, DateOnly PaidOn, long Amount, string MarkedBy);

/// <summary>Grant letters, the archive copy and the payment files for an approved allocation, and the letter PDF for the applicant.</summary>
public static class LettersApi
{
    public static void MapLettersApi(this IEndpointRouteBuilder app)
    {
        var year = app.MapGroup("/api/v1/allocations/{year:int}")
            .WithTags("Tilskuddsbrev og utbetaling")
            .RequireAuthorization(Policies.EmbeteStaff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        year.MapGet("/letters", ListAsync)
            .WithSummary("Vedtakene i embetets godkjente fordeling med brevversjoner og om tilskuddet er markert som betalt.");
        year.MapPost("/letters", GenerateAsync)
            .WithSummary("Lag tilskuddsbrev (også avslag) for vedtakene som ikke har brev. Brev som finnes, beholdes. Med ?max=N lages høyst N brev per kall, slik at siden kan vise framdrift.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        year.MapGet("/archive.zip", ArchiveAsync)
            .WithSummary("Arkivuttrekk: siste versjon av hvert brev som PDF/A med metadata.xml (saksnummer, dato, mottaker, versjon, SHA-256).")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status409Conflict);
        year.MapGet("/payments.csv", CsvAsync)
            .WithSummary("Utbetalingsliste som CSV (semikolon, UTF-8). Tilskudd som er markert betalt, er ikke med. 409 med liste over utbetalinger som ikke kan gjøres.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status409Conflict);
        year.MapGet("/pain001.xml", Pain001Async)
            .WithSummary("Betalingsfil for banken (ISO 20022 pain.001.001.09). Oppgi embetets konto med ?payerAccount= hvis den ikke er satt opp. 409 med liste over utbetalinger som ikke kan gjøres.")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var grant = app.MapGroup("/api/v1/grants/{id:guid}")
            .WithTags("Tilskuddsbrev og utbetaling")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        grant.MapGet("/letter.pdf", PdfAsync)
            .RequireAuthorization()
            .WithSummary("Tilskuddsbrevet som PDF/A: siste versjon, eller ?version=N. For søkeren og embetet; 404 for alle andre.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        grant.MapPost("/letters", CorrectAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Lag et korrigert brev med begrunnelse. Det får neste versjonsnummer og sier hvilket brev det erstatter; tidligere versjoner beholdes.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapPost("/paid", MarkPaidAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Marker tilskuddet som betalt med dato (paidOn, åååå-mm-dd).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Ok<LettersResponse>> ListAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct) =>
        TypedResults.Ok(await LoadAsync(db, me.StaffEmbeteId, year, 0, ct));

    internal static async Task<Ok<LettersResponse>> GenerateAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? max, CancellationToken ct)
    {
        var progress = await LetterActions.GenerateAsync(db, me, time, year, max, ct);
        db.ChangeTracker.Clear();
        return TypedResults.Ok(await LoadAsync(db, me.StaffEmbeteId, year, progress.Made, ct));
    }

    internal static async Task<FileContentHttpResult> ArchiveAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct) =>
        TypedResults.File(await LetterExports.ArchiveAsync(db, me, year, ct), "application/zip", $"tilskuddsbrev-{year}-arkiv.zip");

    internal static async Task<FileContentHttpResult> CsvAsync(
        AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time, int year, string? payerAccount, DateOnly? executionDate, CancellationToken ct)
    {
        var list = await LetterExports.PaymentsAsync(db, me, configuration, time, year, payerAccount, executionDate, ct);
        var file = LetterExports.PaymentCsvFile(list, year);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    internal static async Task<FileContentHttpResult> Pain001Async(
        AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time, int year, string? payerAccount, DateOnly? executionDate, CancellationToken ct)
    {
        var list = await LetterExports.PaymentsAsync(db, me, configuration, time, year, payerAccount, executionDate, ct);
        var file = LetterExports.Pain001File(list, year, time.GetUtcNow());
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    internal static async Task<FileContentHttpResult> PdfAsync(AppDbContext db, CurrentUser me, Guid id, int? version, CancellationToken ct)
    {
        var letter = await LetterActions.ReadLetterAsync(db, me, id, version, ct);
        var reference = await db.GrantDecisions.Where(d => d.Id == id).Select(d => d.CaseReference).SingleAsync(ct);
        return TypedResults.File(letter.Pdf, "application/pdf", LetterActions.FileName(letter, reference));
    }

    internal static async Task<Results<Ok<LetterVersionDto>, ValidationProblem>> CorrectAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] CorrectLetterRequest? body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var letter = await LetterActions.CorrectAsync(db, me, time, id, body?.Reason, errors, ct);
        return errors.Count > 0 ? errors.ToValidationProblem() : TypedResults.Ok(ToDto(letter));
    }

    internal static async Task<Results<Ok<PaidResponse>, ValidationProblem>> MarkPaidAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] MarkPaidRequest? body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var payment = await LetterActions.MarkPaidAsync(db, me, time, id, body?.PaidOn, errors, ct);
        return errors.Count > 0 ? errors.ToValidationProblem() : TypedResults.Ok(new PaidResponse(payment.GrantDecisionId, payment.PaidOn, payment.Amount, payment.MarkedByName));
    }

    internal static async Task<LettersResponse> LoadAsync(AppDbContext db, string embeteId, int year, int made, CancellationToken ct)
    {
        var approved = await LetterActions.RoundApprovedAsync(db, embeteId, year, ct);
        var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.EmbeteId == embeteId && d.SchemeYear == year).ToListAsync(ct);
        var letters = (await db.GrantLetters.AsNoTracking().Where(l => l.EmbeteId == embeteId && l.SchemeYear == year)
            .Select(l => new { l.GrantDecisionId, Dto = new LetterVersionDto(l.Version, l.LetterDate, l.CreatedAt, l.CreatedByName, l.Reason, l.PdfSha256, l.TemplateSha256) })
            .ToListAsync(ct)).ToLookup(l => l.GrantDecisionId, l => l.Dto);
        var paid = await db.GrantPayments.AsNoTracking().Where(p => p.EmbeteId == embeteId && p.SchemeYear == year)
            .ToDictionaryAsync(p => p.GrantDecisionId, p => p.PaidOn, ct);
        var grants = decisions.OrderBy(d => d.CaseReference, StringComparer.Ordinal).Select(d => new GrantLettersDto(
            d.Id, d.ApplicationId, d.CaseReference, d.ApplicantName, d.ApplicantOrgNumber, d.AmountGranted, d.IsRefusal,
            letters[d.Id].OrderBy(l => l.Version).ToList(), paid.TryGetValue(d.Id, out var on) ? on : null)).ToList();
        var withLetter = grants.Count(g => g.Letters.Count > 0);
        return new LettersResponse(year, approved, grants.Count, withLetter, made, grants.Count - withLetter, grants);
    }

    internal static LetterVersionDto ToDto(GrantLetter l) => new(l.Version, l.LetterDate, l.CreatedAt, l.CreatedByName, l.Reason, l.PdfSha256, l.TemplateSha256);
}
