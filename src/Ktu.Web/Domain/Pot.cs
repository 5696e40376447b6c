namespace Ktu.Web.Domain;

/// <summary>One embete's share of a scheme year, with earmarked parts.</summary>
public sealed class Pot
{
    public int Id { get; private set; }
    public int SchemeYear { get; set; }
    public required string EmbeteId { get; set; }
    /// <summary>Whole kroner to be allocated, including earmarks.</summary>
    public long Amount { get; set; }
    /// <summary>Before 2025 each embete set its own deadline; null means the scheme year's.</summary>
    public DateTimeOffset? ApplicationDeadline { get; set; }
    public List<Earmark> Earmarks { get; set; } = [];
}
