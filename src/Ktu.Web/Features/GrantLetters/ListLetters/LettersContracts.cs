using Ktu.Web.Domain.Letters;

namespace Ktu.Web.Features.GrantLetters;

public sealed record LetterVersionDto(int Version, DateOnly LetterDate, DateTimeOffset CreatedAt, string CreatedBy, string? Reason, string PdfSha256, string TemplateSha256)
{
    internal static LetterVersionDto From(GrantLetter l) => new(l.Version, l.LetterDate, l.CreatedAt, l.CreatedByName, l.Reason, l.PdfSha256, l.TemplateSha256);
}

public sealed record GrantLettersDto(
    Guid GrantId, Guid ApplicationId, string CaseReference, string Applicant, string OrgNumber, long AmountGranted, bool IsRefusal,
    IReadOnlyList<LetterVersionDto> Letters, DateOnly? PaidOn, PendingProposalDto? PendingPayment, PendingProposalDto? PendingCorrection);

/// <summary>A payment or corrected letter proposed and waiting for a second person to confirm it; nothing has taken effect yet.</summary>
/// <param name="ProposedByYou">Whether the person asking proposed it (and so may withdraw it, not confirm it).</param>
public sealed record PendingProposalDto(Guid ProposalId, string ProposedBy, DateTimeOffset ProposedAt, bool ProposedByYou, DateOnly? PaidOn, string? Reason);

public sealed record LettersResponse(int Year, bool RoundApproved, int Decisions, int WithLetter, int Made, int Remaining, IReadOnlyList<GrantLettersDto> Grants);
