namespace Ktu.Web.Domain.Applications;

/// <summary>
/// What is frozen at submission: who sent what to whom and when, the content as typed, the
/// computed totals and the warnings that remained. Rendered later as receipt, PDF copy and case file.
/// </summary>
public sealed record ApplicationSnapshot
{
    public required string Reference { get; init; }
    public required int Number { get; init; }
    public required Guid ApplicationId { get; init; }
    public required int ApplicationVersion { get; init; }
    public required int SchemeYear { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string SubmittedBy { get; init; }
    /// <summary>The sending organisation: organisation number and name.</summary>
    public required PartyRef Organisation { get; init; }
    /// <summary>The receiving embete: our key and its name.</summary>
    public required PartyRef ReceivingEmbete { get; init; }
    public required ApplicationContent Application { get; init; }
    public required ApplicationSummary Summary { get; init; }
    public required IReadOnlyList<ValidationIssue> Issues { get; init; }
}
