using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

public sealed record StartApplicationRequest(int? SchemeYear);

public sealed record SubmitRequest(int? Version);

public sealed record ApplicationListItem(Guid Id, int SchemeYear, ApplicationStatus Status, int Version, string? Reference, DateTimeOffset UpdatedAt);

/// <summary>The applicant's side of the application over JSON. Every handler lives in its use-case folder.</summary>
public static class ApplicationsApi
{
    public static void MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/applications")
            .WithTags("Søknader")
            .RequireAuthorization(Policies.Applicant)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", ListAsync)
            .RequireApiScope(ApiScopes.ApplicationsRead)
            .WithSummary("Organisasjonens søknader, nyeste år først.");
        group.MapPost("/", StartAsync)
            .RequireApiScope(ApiScopes.DraftsWrite)
            .WithSummary("Start organisasjonens søknad for et åpent ordningsår. 409 med id-en hvis den allerede er startet.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync)
            .RequireApiScope(ApiScopes.ApplicationsRead)
            .WithSummary("Hent søknaden med summer og gjenstående feil, advarsler og merknader.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", SaveAsync)
            .RequireApiScope(ApiScopes.DraftsWrite)
            .WithSummary("Lagre hele utkastet med versjonen det ble hentet i. Lagres alltid, også uferdig; svaret har oppdaterte feil og advarsler. 409 hvis noen andre har lagret i mellomtiden.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/submit", SubmitAsync)
            .RequireRateLimiting(Policies.SubmitRateLimit)
            .WithSummary("Send inn søknaden før fristen. Gir kvittering med referansenummer, tidspunkt og SHA-256 av den lagrede kopien. Å sende på nytt gir samme kvittering.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync)
            .RequireRateLimiting(Policies.SubmitRateLimit)
            .WithSummary("Trekk en innsendt søknad tilbake før fristen for å endre og sende den på nytt. Den innsendte kopien beholdes.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/submissions", ReceiptsAsync)
            .RequireApiScope(ApiScopes.ApplicationsRead)
            .WithSummary("Kvitteringene for alle innsendinger av søknaden, nyeste først.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/submissions/{number:int}", ReceiptAsync)
            .RequireApiScope(ApiScopes.ApplicationsRead)
            .WithSummary("Kvitteringen for én innsending.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/submissions/{number:int}/snapshot", SnapshotAsync)
            .RequireApiScope(ApiScopes.ApplicationsRead)
            .Named(DocumentRoutes.SubmissionSnapshot)
            .WithSummary("Den innsendte kopien nøyaktig slik den er lagret; SHA-256 av svaret er kontrollsummen i kvitteringen.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Ok<List<ApplicationListItem>>> ListAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var organisationId = me.OrganisationId ?? -1;
        var list = await db.Applications.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId)
            .OrderByDescending(a => a.SchemeYear)
            .Select(a => new ApplicationListItem(a.Id, a.SchemeYear, a.Status, a.Version, a.Reference, a.UpdatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    internal static async Task<Results<Created<ApplicationDocument>, ProblemHttpResult, ValidationProblem>> StartAsync(
        StartApplicationRequest request, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        if (request.SchemeYear is not { } year)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["schemeYear"] = [ApplicationTexts.Start_ChooseYear] },
                title: ApplicationTexts.Start_ChooseYear);
        }
        var outcome = await StartDraft.HandleAsync(db, me, time, year, ct);
        if (!outcome.Created)
        {
            var problem = Problem(StatusCodes.Status409Conflict,
                Format.Text(ApplicationTexts.Start_AlreadyExists, year),
                "application-exists");
            problem.Extensions["id"] = outcome.Application.Id;
            problem.Extensions["applicationStatus"] = outcome.Application.Status;
            return TypedResults.Problem(problem);
        }
        var view = await ApplicationView.LoadAsync(db, outcome.Application, time.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/applications/{outcome.Application.Id}", ApplicationDocument.From(view));
    }

    internal static async Task<Ok<ApplicationDocument>> GetAsync(Guid id, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        var view = await ApplicationView.LoadAsync(db, application, time.GetUtcNow(), ct);
        return TypedResults.Ok(ApplicationDocument.From(view));
    }

    internal static async Task<Results<Ok<ApplicationDocument>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        Guid id, ApplicationInput input, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var outcome = await SaveDraft.HandleAsync(db, me, time, id, input, ct);
        return outcome switch
        {
            SaveDraft.Saved s => TypedResults.Ok(ApplicationDocument.From(s.View)),
            SaveDraft.Invalid i => TypedResults.ValidationProblem(i.Errors,
                title: ApplicationTexts.Save_Unreadable),
            SaveDraft.Conflict c => TypedResults.Problem(VersionConflict(c.Current, SaveDraft.ConflictMessage(c.Current))),
            _ => throw new InvalidOperationException(outcome.GetType().Name),
        };
    }

    internal static async Task<Results<Ok<SubmissionReceipt>, ProblemHttpResult>> SubmitAsync(
        Guid id, [FromBody] SubmitRequest? request, AppDbContext db, CurrentUser me, TimeProvider time, ReceiptEmailLimit receiptEmails, CancellationToken ct)
    {
        var outcome = await Submit.HandleAsync(db, me, time, receiptEmails, id, request?.Version, ct);
        switch (outcome)
        {
            case Submit.Submitted s:
                var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
                return TypedResults.Ok(Receipts.ReceiptOf(s.Submission, application));
            case Submit.Refused r:
                var problem = Problem(StatusCodes.Status409Conflict, r.Message, r.Code);
                problem.Extensions["issues"] = r.Issues;
                return TypedResults.Problem(problem);
            case Submit.Conflict c:
                return TypedResults.Problem(VersionConflict(c.Current,
                    ApplicationTexts.Submit_VersionConflict));
            default:
                throw new InvalidOperationException(outcome.GetType().Name);
        }
    }

    internal static async Task<Ok<ApplicationDocument>> WithdrawAsync(Guid id, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var view = await Withdraw.HandleAsync(db, me, time, id, ct);
        return TypedResults.Ok(ApplicationDocument.From(view));
    }

    internal static async Task<Ok<List<SubmissionReceipt>>> ReceiptsAsync(Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(await Receipts.ListAsync(db, me, id, ct));

    internal static async Task<Ok<SubmissionReceipt>> ReceiptAsync(Guid id, int number, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok((await Receipts.GetAsync(db, me, id, number, ct)).Receipt);

    internal static async Task<IResult> SnapshotAsync(Guid id, int number, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var (submission, _) = await Receipts.GetAsync(db, me, id, number, ct);
        // The stored text as UTF-8 bytes, untouched, so anyone can check the receipt's SHA-256.
        return TypedResults.Bytes(System.Text.Encoding.UTF8.GetBytes(submission.Snapshot), "application/json");
    }

    private static ProblemDetails Problem(int status, string title, string code)
    {
        var problem = new ProblemDetails { Status = status, Title = title };
        problem.Extensions["code"] = code;
        return problem;
    }

    private static ProblemDetails VersionConflict(ApplicationView current, string message)
    {
        var problem = Problem(StatusCodes.Status409Conflict, message, "version-conflict");
        problem.Extensions["currentVersion"] = current.Application.Version;
        problem.Extensions["current"] = ApplicationDocument.From(current);
        return problem;
    }
}
