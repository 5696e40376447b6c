namespace Ktu.Web.Domain;

/// <summary>An organisation that may apply: a municipality, a county municipality, a university or an IKS.</summary>
public sealed class Organisation
{
    public int Id { get; private set; }
    public required string OrgNumber { get; set; }
    public required string Name { get; set; }
    public required OrganisationKind Kind { get; set; }
    /// <summary>Four-digit kommunenummer for municipalities; null otherwise.</summary>
    public string? MunicipalityNumber { get; set; }
    public required string CountyNumber { get; set; }
    /// <summary>The embete that receives this organisation's applications.</summary>
    public required string EmbeteId { get; set; }
    public int? Population { get; set; }
    /// <summary>SSB centrality class 1 (most central) to 6 (least central).</summary>
    public int? Centrality { get; set; }
    /// <summary>When the administrator deactivated it: it keeps its history but cannot apply. Organisations are never deleted.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
    /// <summary>Optimistic concurrency for the administrator's edits.</summary>
    public int Version { get; set; } = 1;

    public bool IsActive => DeactivatedAt is null;
}
