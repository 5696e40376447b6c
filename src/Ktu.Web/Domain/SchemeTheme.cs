namespace Ktu.Web.Domain;

public sealed class SchemeTheme
{
    public int Id { get; private set; }
    public int SchemeYear { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Money may be set aside for this theme in the embeter's pots (2025: avlastning).</summary>
    public bool Earmarked { get; set; }
}
