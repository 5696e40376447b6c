namespace Ktu.Web.Domain.Decisions;

/// <summary>
/// The officer's own amount for one line, replacing the proposal, with the reason the letter will give; who made it and
/// when, for the approver (issue 16); and the submission of the application it was made on, so that an application
/// withdrawn and sent again does not carry an adjustment made on an earlier version of it (null: made before this was kept).
/// </summary>
public sealed record LineAdjustment(
    string LineKey, long Amount, string Reason,
    string? ByUserId = null, string? ByName = null, DateTimeOffset? At = null, int? SubmissionNumber = null)
{
    /// <summary>The same amount and reason, whoever made it and when.</summary>
    public bool SaysTheSameAs(LineAdjustment? other) => other is not null && other.Amount == Amount && other.Reason == Reason;

    /// <summary>Made on an earlier submission of the application than <paramref name="currentSubmission"/>: it no longer counts.</summary>
    public bool IsStaleFor(int currentSubmission) => SubmissionNumber is { } n && n != currentSubmission;
}
