namespace Ktu.Web.Features.Allocation;

/// <summary>What an approval step sends: the version the caller saw, and for sending back, the reason.</summary>
public sealed record RoundVersionInput(int? Version, string? Reason);
