namespace Ktu.Web.Domain;

/// <summary>A county (fylke) with its county authority. Oslo kommune carries both roles for Oslo.</summary>
public sealed class County
{
    public required string Number { get; init; }
    public required string Name { get; set; }
    public required string OfficialName { get; set; }
    public required string EmbeteId { get; set; }
    public int Population { get; set; }
    public required string AuthorityName { get; set; }
    public required string AuthorityOrgNumber { get; set; }
}
