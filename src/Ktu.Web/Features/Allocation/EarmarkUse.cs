namespace Ktu.Web.Features.Allocation;

/// <summary>How much of an earmark the proposal uses. What is left stays earmarked: it is never given to other themes.</summary>
internal sealed record EarmarkUse(string Theme, long Amount, long Used, long Left);
