using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Assessment;

/// <summary>The officer's assessment of one line: a score against the year's priorities, the amount found eligible, and why.</summary>
public sealed record LineAssessment(string LineId, int Score, long Amount, string? Reason);
