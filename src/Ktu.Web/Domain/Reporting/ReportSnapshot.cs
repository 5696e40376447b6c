using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Reporting;

/// <summary>A submitted report as stored: who sent what, when, on which grant, with the sums and the attachments' checksums.</summary>
public sealed record ReportSnapshot
{
    public required string Reference { get; init; }
    public required int Number { get; init; }
    public required Guid GrantId { get; init; }
    public required string CaseReference { get; init; }
    public required int SchemeYear { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string SubmittedBy { get; init; }
    public required PartyRef Organisation { get; init; }
    public required PartyRef ReceivingEmbete { get; init; }
    public required ReportContent Report { get; init; }
    public required long Granted { get; init; }
    public required long Spent { get; init; }
    public required long Unused { get; init; }
    public required AccountsEvidence Evidence { get; init; }
    public required IReadOnlyList<AttachmentRef> Attachments { get; init; }
    public required IReadOnlyList<ValidationIssue> Issues { get; init; }
}

public sealed record AttachmentRef(Guid Id, AttachmentKind Kind, string FileName, long Size, string Sha256);
