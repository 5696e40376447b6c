using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Allocation;

/// <summary>A submitted application that cannot take part yet, and why.</summary>
internal sealed record NotReady(Guid ApplicationId, string Reference, string Applicant, string StatusName);

internal sealed record EarmarkState(string Theme, string ThemeName, long Amount, long Used, long Left);

internal sealed record ScenarioSummary(string Name, AllocationSettings Settings, long Total, long Unallocated, int InFull, int Reduced, int NotFunded);
