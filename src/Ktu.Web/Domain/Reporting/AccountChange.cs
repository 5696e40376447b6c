using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Reporting;

public enum ChangeStatus
{
    Requested = 1,
    Approved = 2,
    Refused = 3,
}

/// <summary>
/// The applicant reports a new account for a grant after the decision (a new bank, a merger); once the embete approves it,
/// payment files use it. The decision itself is never changed, and every request is kept with who decided it, so the
/// history of where the money went stays readable. <see cref="Version"/> is the concurrency token.
/// </summary>
public sealed class AccountChange
{
    public const int MaxReasonLength = 1000;

    private AccountChange()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    /// <summary>The account as 11 digits, checked with MOD11.</summary>
    public string AccountNumber { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public ChangeStatus Status { get; private set; }
    public int Version { get; private set; }
    public string RequestedByUserId { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }

    public static AccountChange Request(Decisions.GrantDecision grant, Domain.AccountNumber account, string reason, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        GrantDecisionId = grant.Id,
        OrganisationId = grant.OrganisationId,
        EmbeteId = grant.EmbeteId,
        SchemeYear = grant.SchemeYear,
        AccountNumber = account.Value,
        Reason = reason.Trim(),
        Status = ChangeStatus.Requested,
        Version = 1,
        RequestedByUserId = by.UserId,
        RequestedByName = by.Name ?? by.Email ?? by.UserId,
        RequestedAt = now,
    };

    public void Decide(bool approve, string? reason, Actor by, DateTimeOffset now)
    {
        if (Status != ChangeStatus.Requested)
        {
            throw new InvalidOperationException("Only a requested change can be decided.");
        }
        Status = approve ? ChangeStatus.Approved : ChangeStatus.Refused;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecidedByName = by.Name ?? by.Email ?? by.UserId;
        DecidedAt = now;
        Version++;
    }
}
