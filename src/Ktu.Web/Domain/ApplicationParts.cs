namespace Ktu.Web.Domain;

/// <summary>The parts an application can have. Which are offered depends on the scheme year and the applicant type.</summary>
[Flags]
public enum ApplicationParts
{
    None = 0,
    Competence = 1,
    Bpa = 2,
    Projects = 4,
    All = Competence | Bpa | Projects,
}
