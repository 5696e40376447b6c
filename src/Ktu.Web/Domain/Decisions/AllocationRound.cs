using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Decisions;

/// <summary>
/// One embete's allocation for one scheme year: the settings of the proposal, the officer's adjustments,
/// saved scenarios, and the four-eyes approval. <see cref="Version"/> is the concurrency token: of two
/// approvers acting at once only one succeeds, and nothing changes an approved round.
/// </summary>
public sealed class AllocationRound
{
    public const int MaxReasonLength = 1000;

    private AllocationRound()
    {
    }

    public Guid Id { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    /// <summary>1 for the year's allocation; 2, 3 … for each further round over money left after the earlier ones were approved.</summary>
    public int Number { get; private set; } = 1;
    public RoundStatus Status { get; private set; }
    /// <summary>The settings in use (JSON; the allocation feature reads them), null for the scheme year's.</summary>
    public string? SettingsJson { get; private set; }
    public string AdjustmentsJson { get; private set; } = "[]";
    public string ScenariosJson { get; private set; } = "[]";
    public string? SubmittedByUserId { get; private set; }
    public string? SubmittedByName { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    /// <summary>The total the officer submitted, so the approver approves exactly what was submitted.</summary>
    public long? SubmittedTotal { get; private set; }
    public string? ApprovedByUserId { get; private set; }
    public string? ApprovedByName { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? SentBackByName { get; private set; }
    public DateTimeOffset? SentBackAt { get; private set; }
    public string? SentBackReason { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? UpdatedByName { get; private set; }

    public static AllocationRound Start(string embeteId, int schemeYear, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        EmbeteId = embeteId,
        SchemeYear = schemeYear,
        Number = 1,
        Status = RoundStatus.Draft,
        Version = 1,
        UpdatedAt = now,
    };

    /// <summary>
    /// A further round over the money this approved round left: a new draft with the same settings, which never touches
    /// the decisions already made.
    /// </summary>
    public AllocationRound StartNext(Actor by, DateTimeOffset now)
    {
        if (Status != RoundStatus.Approved)
        {
            throw new InvalidOperationException("A further round follows only an approved round.");
        }
        return new AllocationRound
        {
            Id = Guid.NewGuid(),
            EmbeteId = EmbeteId,
            SchemeYear = SchemeYear,
            Number = Number + 1,
            SettingsJson = SettingsJson,
            Status = RoundStatus.Draft,
            Version = 1,
            UpdatedAt = now,
            UpdatedByName = by.Name ?? by.Email,
        };
    }

    public IReadOnlyList<LineAdjustment> ReadAdjustments() => DomainJson.Deserialize<List<LineAdjustment>>(AdjustmentsJson) ?? [];

    public IReadOnlyList<Scenario> ReadScenarios() => DomainJson.Deserialize<List<Scenario>>(ScenariosJson) ?? [];

    public void ChangeSettings(string? settingsJson, Actor by, DateTimeOffset now)
    {
        EnsureDraft();
        SettingsJson = settingsJson;
        Touch(by, now);
    }

    public void ChangeAdjustments(IReadOnlyList<LineAdjustment> adjustments, Actor by, DateTimeOffset now)
    {
        EnsureDraft();
        AdjustmentsJson = DomainJson.Serialize(adjustments.OrderBy(a => a.LineKey, StringComparer.Ordinal).ToList());
        Touch(by, now);
    }

    public void ChangeScenarios(IReadOnlyList<Scenario> scenarios, Actor by, DateTimeOffset now)
    {
        EnsureDraft();
        ScenariosJson = DomainJson.Serialize(scenarios);
        Touch(by, now);
    }

    public void SubmitForApproval(Actor by, long total, DateTimeOffset now)
    {
        EnsureDraft();
        Status = RoundStatus.AwaitingApproval;
        SubmittedByUserId = by.UserId;
        SubmittedByName = by.Name ?? by.Email;
        SubmittedAt = now;
        SubmittedTotal = total;
        Touch(by, now);
    }

    public void Approve(Actor by, DateTimeOffset now)
    {
        if (Status != RoundStatus.AwaitingApproval)
        {
            throw new InvalidOperationException("Only a round awaiting approval can be approved.");
        }
        if (by.UserId == SubmittedByUserId)
        {
            throw new InvalidOperationException("Four eyes: the approver cannot be the one who submitted.");
        }
        Status = RoundStatus.Approved;
        ApprovedByUserId = by.UserId;
        ApprovedByName = by.Name ?? by.Email;
        ApprovedAt = now;
        Touch(by, now);
    }

    public void SendBack(Actor by, string reason, DateTimeOffset now)
    {
        if (Status != RoundStatus.AwaitingApproval)
        {
            throw new InvalidOperationException("Only a round awaiting approval can be sent back.");
        }
        Status = RoundStatus.Draft;
        SentBackByName = by.Name ?? by.Email;
        SentBackAt = now;
        SentBackReason = reason.Trim();
        Touch(by, now);
    }

    private void EnsureDraft()
    {
        if (Status != RoundStatus.Draft)
        {
            throw new InvalidOperationException("Only a draft round can be changed.");
        }
    }

    private void Touch(Actor by, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        UpdatedByName = by.Name ?? by.Email;
    }

    /// <summary>A line across the embete's applications: "{application id}/{line id}".</summary>
    public static string LineKey(Guid applicationId, string lineId) => $"{applicationId:N}/{lineId}";
}
