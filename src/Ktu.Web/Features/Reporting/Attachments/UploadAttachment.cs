using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// The applicant attaches the auditor's statement or the print of the accounts to the report: one PDF, judged by its bytes,
/// at most <see cref="ReportAttachment.MaxBytes"/>, stored with its SHA-256 and written to the audit trail. Anything else is
/// refused with a message that says why, and nothing is stored.
/// </summary>
internal static class UploadAttachment
{
    internal abstract record Outcome;
    internal sealed record Stored(AttachmentInfo Attachment) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/report/attachments", PostAsync)
            .RequireAuthorization(Policies.Applicant)
            .DisableAntiforgery()
            .WithSummary("Last opp revisorattestasjon (kind=auditor-statement) eller regnskapsutskrift (kind=accounts-print) som PDF, høyst 8 MB: multipart/form-data med feltene file og kind. Lagres med SHA-256.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    internal static async Task<Results<Created<AttachmentInfo>, ValidationProblem, ProblemHttpResult>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, HttpRequest request, CancellationToken ct)
    {
        // The grant first: a stranger learns nothing, not even how big a file may be.
        await ReportAccess.OwnGrantAsync(db, me, id, ct);
        if (request.ContentLength > ReportAttachment.MaxBytes + 64 * 1024)
        {
            return TooLarge();
        }
        if (!request.HasFormContentType)
        {
            return FieldErrors.Of("file", ReportingTexts.Attachment_NoFile).ToValidationProblem();
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (InvalidDataException)
        {
            return TooLarge();
        }
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return FieldErrors.Of("file", ReportingTexts.Attachment_NoFile).ToValidationProblem();
        }
        if (file.Length > ReportAttachment.MaxBytes)
        {
            return TooLarge();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return await HandleAsync(db, me, time, id, form["kind"].ToString(), file.FileName, buffer.ToArray(), ct) switch
        {
            Stored s => TypedResults.Created($"/api/v1/grants/{id}/report/attachments/{s.Attachment.Id}", s.Attachment),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unknown outcome {other}."),
        };
    }

    public static async Task<Outcome> HandleAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid grantId, string kindCode, string fileName, byte[] bytes, CancellationToken ct)
    {
        var grant = await ReportAccess.OwnGrantAsync(db, me, grantId, ct);
        var errors = new FieldErrors();
        AttachmentKind? kind = kindCode switch
        {
            "auditor-statement" => AttachmentKind.AuditorStatement,
            "accounts-print" => AttachmentKind.AccountsPrint,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add("kind", ReportingTexts.Attachment_KindUnknown);
        }
        if (bytes.Length == 0)
        {
            errors.Add("file", ReportingTexts.Attachment_Empty);
        }
        else if (bytes.Length > ReportAttachment.MaxBytes)
        {
            errors.Add("file", Format.Text(ReportingTexts.Attachment_TooLarge, ReportAttachment.MaxBytes / 1024 / 1024));
        }
        else
        {
            switch (PdfCheck.Judge(bytes))
            {
                case PdfCheck.Verdict.NotPdf:
                    errors.Add("file", ReportingTexts.Attachment_NotPdf);
                    break;
                case PdfCheck.Verdict.ActiveContent:
                    errors.Add("file", ReportingTexts.Attachment_ActiveContent);
                    break;
            }
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var now = time.GetUtcNow();
        var report = await ReportAccess.ReportAsync(db, grant.Id, ct)
            ?? throw new RuleViolationException(ReportingTexts.Submit_NotStarted, "report-not-started");
        var view = await ReportView.LoadAsync(db, grant, report, now, ct);
        ReportRulesOfWriting.EnsureWritable(view);
        var attachment = ReportAttachment.Store(report, kind!.Value, SafeName(fileName), bytes, me.Actor, now);
        db.ReportAttachments.Add(attachment);
        AuditTrail.Record(db, me, now, "report.attachment-uploaded", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
            after: new { attachment.Id, kind = kindCode, attachment.FileName, attachment.Size, attachment.Sha256 });
        await db.SaveChangesAsync(ct);
        return new Stored(new AttachmentInfo(attachment.Id, attachment.Kind, attachment.FileName, attachment.Size, attachment.Sha256, attachment.UploadedAt, attachment.UploadedByName));
    }

    /// <summary>The name shown and offered on download: no path, no control characters, bounded length, always ".pdf".</summary>
    internal static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        if (name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }
        if (name.Length == 0)
        {
            name = "vedlegg";
        }
        return (name.Length > ReportAttachment.MaxFileNameLength - 4 ? name[..(ReportAttachment.MaxFileNameLength - 4)] : name) + ".pdf";
    }

    private static ProblemHttpResult TooLarge()
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = Format.Text(ReportingTexts.Attachment_TooLarge, ReportAttachment.MaxBytes / 1024 / 1024),
        };
        problem.Extensions["code"] = "file-too-large";
        return TypedResults.Problem(problem);
    }
}
