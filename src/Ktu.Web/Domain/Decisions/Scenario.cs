using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Decisions;

/// <summary>A named set of allocation settings the officer wants to compare with others (settings as JSON).</summary>
public sealed record Scenario(string Name, string SettingsJson);
