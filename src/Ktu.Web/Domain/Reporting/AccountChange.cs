using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Reporting;

public enum ChangeStatus
{
    Requested = 1,
    Approved = 2,
    Refused = 3,
}

/// <summary>
/// A change of the grant's payee details after the decision: the applicant reports a new account (a new bank), a new
/// organisation number (a merger), a postal address, or several at once; once the embete approves it, payment files and later
/// letters use what it carries. The decision itself is never changed, and every request is kept with who decided it, so the
/// history of where the money went stays readable. <see cref="Version"/> is the concurrency token. (Named for the account change
/// it began as; the table keeps that name.)
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
    /// <summary>The new account as 11 digits, checked with MOD11; null when the account is not changed.</summary>
    public string? AccountNumber { get; private set; }
    /// <summary>The new organisation number (after a merger), 9 digits checked with MOD11; null when not changed.</summary>
    public string? OrgNumber { get; private set; }
    /// <summary>The new postal address; all four null when not changed (<see cref="Address"/>).</summary>
    public string? AddressLine1 { get; private set; }
    public string? AddressLine2 { get; private set; }
    public string? PostCode { get; private set; }
    public string? Place { get; private set; }
    public string Reason { get; private set; } = "";
    public ChangeStatus Status { get; private set; }
    public int Version { get; private set; }
    public string RequestedByUserId { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }

    public PostalAddress? Address =>
        AddressLine1 is { } line1 && PostCode is { } code && Place is { } place ? new PostalAddress(line1, AddressLine2, code, place) : null;

    public static AccountChange Request(Decisions.GrantDecision grant, Domain.AccountNumber account, string reason, Actor by, DateTimeOffset now) =>
        Request(grant, account, null, null, reason, by, now);

    /// <summary>A request carrying at least one of a new account, a new organisation number and a postal address.</summary>
    public static AccountChange Request(
        Decisions.GrantDecision grant, Domain.AccountNumber? account, Domain.OrgNumber? orgNumber, PostalAddress? address, string reason, Actor by, DateTimeOffset now)
    {
        if (account is null && orgNumber is null && address is null)
        {
            throw new ArgumentException("A change must carry something to change.", nameof(account));
        }
        return new()
        {
            Id = Guid.NewGuid(),
            GrantDecisionId = grant.Id,
            OrganisationId = grant.OrganisationId,
            EmbeteId = grant.EmbeteId,
            SchemeYear = grant.SchemeYear,
            AccountNumber = account?.Value,
            OrgNumber = orgNumber?.Value,
            AddressLine1 = address?.Line1,
            AddressLine2 = address?.Line2,
            PostCode = address?.PostCode,
            Place = address?.Place,
            Reason = reason.Trim(),
            Status = ChangeStatus.Requested,
            Version = 1,
            RequestedByUserId = by.UserId,
            RequestedByName = by.Name ?? by.Email ?? by.UserId,
            RequestedAt = now,
        };
    }

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
