namespace Ktu.Web.Domain;

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
