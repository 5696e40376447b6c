using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// The applicant applies, during the grant year, to use part of one granted line for another purpose within the scheme
/// (omdisponering); the embete approves or refuses. An approved reallocation moves the amount from the line to a new line of
/// its own (<see cref="Apply"/>), so the report accounts for it; the decision itself is never changed and every application
/// is kept. <see cref="Version"/> is the concurrency token.
/// </summary>
public sealed class Reallocation
{
    public const int MaxTextLength = 1000;

    private Reallocation()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public string FromLineId { get; private set; } = "";
    public DecisionPart Part { get; private set; }
    public long Amount { get; private set; }
    /// <summary>What the money will be used for instead.</summary>
    public string Purpose { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public ChangeStatus Status { get; private set; }
    public int Version { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }

    /// <summary>The id of the line an approved reallocation adds.</summary>
    public string NewLineId => $"omdisponert-{Id:N}";

    public static Reallocation Request(GrantDecision grant, DecisionLine from, long amount, string purpose, string reason, Actor by, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return new Reallocation
        {
            Id = Guid.NewGuid(),
            GrantDecisionId = grant.Id,
            OrganisationId = grant.OrganisationId,
            EmbeteId = grant.EmbeteId,
            SchemeYear = grant.SchemeYear,
            FromLineId = from.LineId,
            Part = from.Part,
            Amount = amount,
            Purpose = purpose.Trim(),
            Reason = reason.Trim(),
            Status = ChangeStatus.Requested,
            Version = 1,
            RequestedByName = by.Name ?? by.Email ?? by.UserId,
            RequestedAt = now,
        };
    }

    public void Decide(bool approve, string? reason, Actor by, DateTimeOffset now)
    {
        if (Status != ChangeStatus.Requested)
        {
            throw new InvalidOperationException("Only a requested reallocation can be decided.");
        }
        Status = approve ? ChangeStatus.Approved : ChangeStatus.Refused;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecidedByName = by.Name ?? by.Email ?? by.UserId;
        DecidedAt = now;
        Version++;
    }

    /// <summary>
    /// The grant's lines after the approved reallocations, in the order they were decided: each takes its amount from its line
    /// and adds a line for the new purpose. The total granted never changes.
    /// </summary>
    public static IReadOnlyList<DecisionLine> Apply(IReadOnlyList<DecisionLine> decided, IEnumerable<Reallocation> reallocations)
    {
        var lines = decided.ToList();
        foreach (var r in reallocations.Where(r => r.Status == ChangeStatus.Approved).OrderBy(r => r.DecidedAt))
        {
            var i = lines.FindIndex(l => l.LineId == r.FromLineId);
            if (i < 0 || lines[i].AmountGranted < r.Amount)
            {
                continue;
            }
            lines[i] = lines[i] with { AmountGranted = lines[i].AmountGranted - r.Amount };
            lines.Add(new DecisionLine(r.NewLineId, r.Part, r.Purpose, 0, r.Amount, r.Reason));
        }
        return lines;
    }
}
