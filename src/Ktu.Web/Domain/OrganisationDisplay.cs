namespace Ktu.Web.Domain;

public static class OrganisationDisplay
{
    /// <summary>"Trondheim" as "Trondheim kommune"; county municipalities already carry their kind in the name.</summary>
    public static string Name(string name, OrganisationKind kind) =>
        kind == OrganisationKind.Municipality ? $"{name} kommune" : name;
}
