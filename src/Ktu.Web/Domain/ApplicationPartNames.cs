namespace Ktu.Web.Domain;

/// <summary>How the parts one may apply for are named: in the API ("competence") and for people ("kompetansetiltak").</summary>
public static class ApplicationPartNames
{
    /// <summary>"competence", "bpa", "projects": the API's names.</summary>
    public static List<string> Codes(ApplicationParts parts) => Names(parts, "competence", "bpa", "projects");

    /// <summary>"kompetansetiltak", "opplæring i BPA", "tjenesteutviklingstiltak": in a sentence.</summary>
    public static List<string> Norwegian(ApplicationParts parts) =>
        Names(parts, DomainTexts.Part_Competence, DomainTexts.Part_Bpa, DomainTexts.Part_Projects);

    private static List<string> Names(ApplicationParts parts, string competence, string bpa, string projects)
    {
        var list = new List<string>();
        if (parts.HasFlag(ApplicationParts.Competence))
        {
            list.Add(competence);
        }
        if (parts.HasFlag(ApplicationParts.Bpa))
        {
            list.Add(bpa);
        }
        if (parts.HasFlag(ApplicationParts.Projects))
        {
            list.Add(projects);
        }
        return list;
    }
}
