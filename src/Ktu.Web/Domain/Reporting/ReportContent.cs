namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// What the applicant reports on one grant, as typed: prefilled from the grant line by line (<see cref="ReportPrefill"/>),
/// every number may be empty in a draft, nothing is trusted until <see cref="ReportRules"/> has looked at it. Stored as one
/// JSON document per report, so the same shape is the API body, the draft and the submitted snapshot.
/// </summary>
public sealed record ReportContent
{
    public IReadOnlyList<CompetenceResult> Competence { get; init; } = [];
    public IReadOnlyList<BpaResult> Bpa { get; init; } = [];
    public IReadOnlyList<ProjectResult> Projects { get; init; } = [];
    public StaffDevelopment Staff { get; init; } = new();
    public IReadOnlyList<AccountLine> Accounts { get; init; } = [];
    /// <summary>What happens to money not used: required when the accounts leave some unused.</summary>
    public UnusedFundsChoice? UnusedFunds { get; init; }
    /// <summary>Why the money should be transferred to next year; required with <see cref="UnusedFundsChoice.Transfer"/>.</summary>
    public string? TransferReason { get; init; }
    /// <summary>The year to transfer to, within the scheme year's limit (<see cref="Rules.UnusedFundsMoveAtMostTheAllowedYears"/>); null means the next year.</summary>
    public int? TransferToYear { get; init; }
    /// <summary>The grant is above the auditor threshold but this year's spending is below it: one statement will cover two years.</summary>
    public bool AuditorStatementPostponed { get; init; }
    public string? Comment { get; init; }

    public static ReportContent Empty { get; } = new();

    /// <summary>Whole kroner spent, summed over the accounts lines that have a figure.</summary>
    public long TotalSpent => Accounts.Sum(a => a.Spent ?? 0);

    public long TotalGranted => Accounts.Sum(a => a.Granted);

    /// <summary>Computed, never typed: what is left of the grant when every line's spending is counted (never below 0).</summary>
    public long Unused => Math.Max(0, TotalGranted - TotalSpent);
}

public enum UnusedFundsChoice
{
    /// <summary>Apply to use the money the next year.</summary>
    Transfer = 1,
    /// <summary>Pay it back.</summary>
    Repay = 2,
}

/// <summary>One granted competence line: how the persons it paid for are doing at 31 December.</summary>
public sealed record CompetenceResult
{
    /// <summary>The decided line this reports on ("kompetanse-1-nye"); fixed by the prefill.</summary>
    public string LineId { get; init; } = "";
    public string Label { get; init; } = "";
    public string? EducationType { get; init; }
    /// <summary>Persons the grant was for; from the application, not typed.</summary>
    public int PersonsGranted { get; init; }
    public int? Completed { get; init; }
    public int? Ongoing { get; init; }
    public int? DroppedOut { get; init; }
}

/// <summary>One granted BPA role: persons trained.</summary>
public sealed record BpaResult
{
    public string LineId { get; init; } = "";
    public string Label { get; init; } = "";
    public Applications.BpaRole? Role { get; init; }
    public int PersonsGranted { get; init; }
    public int? PersonsTrained { get; init; }
}

/// <summary>One granted service-development project: what came of it.</summary>
public sealed record ProjectResult
{
    public string LineId { get; init; } = "";
    public string Label { get; init; } = "";
    public string? UserExperiences { get; init; }
    public string? ReducedCompensatingServices { get; init; }
    public string? QualitativeGains { get; init; }
    public string? EconomicGains { get; init; }
    public string? TransferValue { get; init; }
    public bool? InnovationMethodUsed { get; init; }
    public string? InnovationMethod { get; init; }
}

/// <summary>Staff development in full-time equivalents (årsverksutvikling) in the health and care services over two years.</summary>
public sealed record StaffDevelopment
{
    /// <summary>Full-time equivalents at 31 December the year before the grant year.</summary>
    public decimal? FteYearBefore { get; init; }
    /// <summary>Full-time equivalents at 31 December of the grant year.</summary>
    public decimal? FteGrantYear { get; init; }
    public string? Comment { get; init; }

    public decimal? Change => FteYearBefore is { } a && FteGrantYear is { } b ? b - a : null;
}

/// <summary>One line of the accounts against what was granted for it.</summary>
public sealed record AccountLine
{
    public string LineId { get; init; } = "";
    public string Label { get; init; } = "";
    /// <summary>Whole kroner granted for the line; from the decision, not typed.</summary>
    public long Granted { get; init; }
    /// <summary>Whole kroner spent in the grant year.</summary>
    public long? Spent { get; init; }
    /// <summary>Why the spending differs from the grant; required when the difference exceeds the year's share.</summary>
    public string? Explanation { get; init; }

    public long? Variance => Spent is { } s ? s - Granted : null;
}
