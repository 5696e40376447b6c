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

public enum OrganisationKind
{
    Municipality = 1,
    CountyMunicipality = 2,
    University = 3,
    InterMunicipalCompany = 4,
}

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
}

public static class OrganisationKindNames
{
    public static string Norwegian(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.Municipality => DomainTexts.OrganisationKind_Municipality,
        OrganisationKind.CountyMunicipality => DomainTexts.OrganisationKind_CountyMunicipality,
        OrganisationKind.University => DomainTexts.OrganisationKind_University,
        OrganisationKind.InterMunicipalCompany => DomainTexts.OrganisationKind_InterMunicipalCompany,
        _ => kind.ToString(),
    };
}

public static class OrganisationDisplay
{
    /// <summary>"Trondheim" as "Trondheim kommune"; county municipalities already carry their kind in the name.</summary>
    public static string Name(string name, OrganisationKind kind) =>
        kind == OrganisationKind.Municipality ? $"{name} kommune" : name;
}
