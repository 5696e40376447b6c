using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Letters;

/// <summary>
/// One version of the grant letter for one fixed decision (<see cref="Decisions.GrantDecision"/>), with the
/// template text it was made from and the PDF as sent. Rows are inserted once and never changed
/// (Data/Interceptors/SubmissionsAreImmutable): a correction is a new row with the next version, and both
/// are kept, so what the applicant received can always be shown again.
/// </summary>
public sealed class GrantLetter
{
    public const int MaxReasonLength = 1000;

    private GrantLetter()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>Copied from the decision so access checks need no join.</summary>
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    /// <summary>1 for the first letter; a corrected letter gets the next number.</summary>
    public int Version { get; private set; }
    public DateOnly LetterDate { get; private set; }
    /// <summary>The date of the letter this one replaces, for a version above 1.</summary>
    public DateOnly? ReplacesLetterDated { get; private set; }
    /// <summary>Why the letter was corrected; null for the first letter.</summary>
    public string? Reason { get; private set; }
    /// <summary>The letter template as compact JSON, and its SHA-256: the words the letter was made from.</summary>
    public string TemplateJson { get; private set; } = "";
    public string TemplateSha256 { get; private set; } = "";
    public byte[] Pdf { get; private set; } = [];
    public string PdfSha256 { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";

    public static GrantLetter Make(
        Decisions.GrantDecision decision, int version, DateOnly letterDate, DateOnly? replacesLetterDated, string? reason,
        string templateJson, string templateSha256, string title, byte[] pdf, Actor by, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (version > 1 && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A corrected letter needs a reason.", nameof(reason));
        }
        return new GrantLetter
        {
            Id = Guid.NewGuid(),
            GrantDecisionId = decision.Id,
            ApplicationId = decision.ApplicationId,
            OrganisationId = decision.OrganisationId,
            EmbeteId = decision.EmbeteId,
            SchemeYear = decision.SchemeYear,
            Version = version,
            LetterDate = letterDate,
            ReplacesLetterDated = replacesLetterDated,
            Reason = reason?.Trim(),
            TemplateJson = templateJson,
            TemplateSha256 = templateSha256,
            Title = title,
            Pdf = pdf,
            PdfSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
            CreatedAt = now,
            CreatedByUserId = by.UserId,
            CreatedByName = by.DisplayName,
        };
    }
}
