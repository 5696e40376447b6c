using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Reporting;

/// <summary>Why money is claimed back.</summary>
public enum RepaymentBasis
{
    /// <summary>No report was sent.</summary>
    MissingReport = 1,
    /// <summary>The report came too late.</summary>
    LateReport = 2,
    /// <summary>Money left unused and not transferred.</summary>
    UnusedFunds = 3,
    /// <summary>A finding in the embete's control (wrong information, misuse).</summary>
    Finding = 4,
}

public enum ClaimStatus
{
    /// <summary>A case officer has drafted the claim; another person issues it.</summary>
    Proposed = 1,
    /// <summary>Issued with a letter to the applicant.</summary>
    Issued = 2,
    /// <summary>Paid back (or offset against a later grant), with the date.</summary>
    Paid = 3,
}

/// <summary>
/// A claim to pay back (part of) a grant: amount, reason and basis, due date, the budget chapter and post, and whether it is
/// offset against the next grant instead. Proposed by a case officer, issued with a letter (PDF/A) by another person (four
/// eyes), then marked paid. <see cref="Version"/> is the concurrency token.
/// </summary>
public sealed class RepaymentClaim
{
    public const int MaxReasonLength = 2000;

    private RepaymentClaim()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public RepaymentBasis Basis { get; private set; }
    public long Amount { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    /// <summary>The state budget's chapter and post the money goes back to, "0761.21".</summary>
    public string ChapterPost { get; private set; } = "";
    public bool OffsetAgainstNextGrant { get; private set; }
    public ClaimStatus Status { get; private set; }
    public int Version { get; private set; }
    public string ProposedByUserId { get; private set; } = "";
    public string ProposedByName { get; private set; } = "";
    public DateTimeOffset ProposedAt { get; private set; }
    public string? IssuedByUserId { get; private set; }
    public string? IssuedByName { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }
    public byte[]? LetterPdf { get; private set; }
    public string? LetterSha256 { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public string? PaidMarkedByName { get; private set; }
    /// <summary>Whole kroner deducted from later payments so far (<see cref="ClaimOffset"/>); the rest is still owed.</summary>
    public long OffsetAmount { get; private set; }
    /// <summary>True when the claim was settled by deductions from later payments rather than paid back.</summary>
    public bool SettledByOffset { get; private set; }
    /// <summary>The reference of the payment whose deduction settled the claim.</summary>
    public string? OffsetPaymentReference { get; private set; }

    public long Remaining => Amount - OffsetAmount;

    /// <summary>An issued claim marked to be offset against the next grant, with money still owed.</summary>
    public bool IsOpenForOffset => OffsetAgainstNextGrant && Status == ClaimStatus.Issued && Remaining > 0;

    public static RepaymentClaim Propose(Decisions.GrantDecision grant, RepaymentBasis basis, long amount, string reason, DateOnly dueDate,
        string chapterPost, bool offset, Actor by, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, grant.AmountGranted);
        return new RepaymentClaim
        {
            Id = Guid.NewGuid(),
            GrantDecisionId = grant.Id,
            OrganisationId = grant.OrganisationId,
            EmbeteId = grant.EmbeteId,
            SchemeYear = grant.SchemeYear,
            Basis = basis,
            Amount = amount,
            Reason = reason.Trim(),
            DueDate = dueDate,
            ChapterPost = chapterPost,
            OffsetAgainstNextGrant = offset,
            Status = ClaimStatus.Proposed,
            Version = 1,
            ProposedByUserId = by.UserId,
            ProposedByName = by.Name ?? by.Email ?? by.UserId,
            ProposedAt = now,
        };
    }

    public void Issue(Actor by, DateTimeOffset now, Func<RepaymentClaim, byte[]> letter)
    {
        if (Status != ClaimStatus.Proposed)
        {
            throw new InvalidOperationException("Only a proposed claim can be issued.");
        }
        if (by.UserId == ProposedByUserId)
        {
            throw new InvalidOperationException("Four eyes: a claim is issued by another person than the one who proposed it.");
        }
        Status = ClaimStatus.Issued;
        IssuedByUserId = by.UserId;
        IssuedByName = by.Name ?? by.Email ?? by.UserId;
        IssuedAt = now;
        LetterPdf = letter(this);
        LetterSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(LetterPdf));
        Version++;
    }

    /// <summary>
    /// Deducts <paramref name="amount"/> from a later payment. When nothing is left the claim is settled by offset, with the
    /// payment's execution date and reference.
    /// </summary>
    public void Offset(long amount, DateOnly on, string paymentReference, Actor by)
    {
        if (!IsOpenForOffset)
        {
            throw new InvalidOperationException("Only an issued claim to offset against the next grant, with money owed, can be offset.");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, Remaining);
        OffsetAmount += amount;
        if (Remaining == 0)
        {
            Status = ClaimStatus.Paid;
            PaidOn = on;
            PaidMarkedByName = by.DisplayName;
            SettledByOffset = true;
            OffsetPaymentReference = paymentReference;
        }
        Version++;
    }

    public void MarkPaid(DateOnly paidOn, Actor by)
    {
        if (Status != ClaimStatus.Issued)
        {
            throw new InvalidOperationException("Only an issued claim can be marked paid.");
        }
        Status = ClaimStatus.Paid;
        PaidOn = paidOn;
        PaidMarkedByName = by.Name ?? by.Email ?? by.UserId;
        Version++;
    }
}
