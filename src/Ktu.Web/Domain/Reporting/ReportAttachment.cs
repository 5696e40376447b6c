using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Reporting;

public enum AttachmentKind
{
    /// <summary>A statement from an auditor on the accounts (revisorattestasjon).</summary>
    AuditorStatement = 1,
    /// <summary>A print of the (project) accounts, below the auditor threshold.</summary>
    AccountsPrint = 2,
}

/// <summary>
/// A PDF the applicant attached to a report, stored with its SHA-256. Inserted once and never changed: a new upload of the
/// same kind replaces it for the report, and both are kept. Readable by the applicant organisation and the embete only.
/// </summary>
public sealed class ReportAttachment
{
    /// <summary>8 MB: an auditor's statement or an accounts print is a few pages (and a request may carry at most 10 MB).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxFileNameLength = 200;

    private ReportAttachment()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantReportId { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public AttachmentKind Kind { get; private set; }
    public string FileName { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedByUserId { get; private set; } = "";
    public string? UploadedByName { get; private set; }

    public static ReportAttachment Store(GrantReport report, AttachmentKind kind, string fileName, byte[] content, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        GrantReportId = report.Id,
        GrantDecisionId = report.GrantDecisionId,
        OrganisationId = report.OrganisationId,
        EmbeteId = report.EmbeteId,
        SchemeYear = report.SchemeYear,
        Kind = kind,
        FileName = fileName,
        Size = content.LongLength,
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
        Content = content,
        UploadedAt = now,
        UploadedByUserId = by.UserId,
        UploadedByName = by.Name ?? by.Email,
    };

    public AttachmentRef Ref() => new(Id, Kind, FileName, Size, Sha256);
}
