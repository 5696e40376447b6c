namespace Ktu.Web.Domain.Rules;

/// <summary>
/// The scheme prioritises "søknader fra distriktskommuner" without defining the term. KDD's
/// Regionale utviklingstrekk counts centrality classes 4-6 as district municipalities; the
/// cut-off is a per-year setting so an embete can narrow it.
/// </summary>
public static class DistrictMunicipality
{
    public static bool Is(Organisation organisation, SchemeYear scheme) =>
        organisation.Kind == OrganisationKind.Municipality
        && organisation.Centrality is { } c
        && c >= scheme.DistrictFromCentrality;
}
