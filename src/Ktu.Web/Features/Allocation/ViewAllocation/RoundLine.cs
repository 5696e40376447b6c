using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Allocation;

/// <summary>One line of the embete's allocation: the assessment (by whom, when), the proposal, the officer's adjustment (by whom, when) and the result.</summary>
internal sealed record RoundLine(
    string Key,
    Guid ApplicationId,
    string Reference,
    string Applicant,
    bool District,
    CaseLine Line,
    int Score,
    long AmountAssessed,
    string? AssessmentReason,
    long AmountProposed,
    LineOutcome Outcome,
    string ProposalReason,
    LineAdjustment? Adjustment,
    string? OfficerName,
    int SubmissionNumber,
    Actor? AssessedBy,
    DateTimeOffset? AssessedAt)
{
    public long AmountFinal => Adjustment?.Amount ?? AmountProposed;

    /// <summary>The reason the letter gives: the officer's own when the line was adjusted, otherwise the assessment's and the proposal's.</summary>
    public string FinalReason
    {
        get
        {
            if (Adjustment is { } a)
            {
                return a.Reason;
            }
            var parts = new[] { AssessmentReason, Outcome == LineOutcome.FundedInFull && AmountAssessed == Line.AmountApplied ? null : ProposalReason };
            var text = string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
            return text.Length > 0 ? text : AllocationTexts.Line_GrantedAsApplied;
        }
    }
}
