namespace Ktu.Web.Domain;

/// <summary>A county governor's office (Statsforvalteren, one embete per region).</summary>
public sealed class Embete
{
    /// <summary>Our own ASCII key, e.g. "trondelag" (statsforvaltere.csv). Not an official code.</summary>
    public required string Id { get; init; }
    /// <summary>Official name, three of them in nynorsk ("Statsforvaltaren i ...").</summary>
    public required string Name { get; set; }
    public required string NameBokmal { get; set; }
    public required string OrgNumber { get; set; }
}
