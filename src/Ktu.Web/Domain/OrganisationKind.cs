namespace Ktu.Web.Domain;

public enum OrganisationKind
{
    Municipality = 1,
    CountyMunicipality = 2,
    University = 3,
    InterMunicipalCompany = 4,
}
