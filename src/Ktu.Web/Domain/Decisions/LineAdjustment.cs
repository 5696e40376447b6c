using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Decisions;

/// <summary>The officer's own amount for one line, replacing the proposal, with the reason the letter will give.</summary>
public sealed record LineAdjustment(string LineKey, long Amount, string Reason);
