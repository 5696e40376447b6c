using Ktu.Web.Domain;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Applications;

public enum ApplicationStep
{
    Applicant = 1,
    Competence = 2,
    Bpa = 3,
    Projects = 4,
    Summary = 5,
}

/// <summary>The steps of the form in order, with their pages; which are offered follows the scheme year and applicant type.</summary>
public static class ApplicationSteps
{
    /// <summary>The Razor page of a step, for asp-page and RedirectToPage (with the application's id as route value "id").</summary>
    public static string PageOf(ApplicationStep step) => step switch
    {
        ApplicationStep.Applicant => "/Applications/EditApplicant/Applicant",
        ApplicationStep.Competence => "/Applications/EditCompetence/Competence",
        ApplicationStep.Bpa => "/Applications/EditBpa/Bpa",
        ApplicationStep.Projects => "/Applications/EditProjects/Projects",
        _ => "/Applications/Submit/Summary",
    };

    public static string Title(ApplicationStep step) => step switch
    {
        ApplicationStep.Applicant => Texts.Step_Applicant,
        ApplicationStep.Competence => Texts.Step_Competence,
        ApplicationStep.Bpa => Texts.Step_Bpa,
        ApplicationStep.Projects => Texts.Step_Projects,
        _ => Texts.Step_Summary,
    };

    public static IReadOnlyList<ApplicationStep> Offered(ApplicationParts parts)
    {
        var list = new List<ApplicationStep> { ApplicationStep.Applicant };
        if (parts.HasFlag(ApplicationParts.Competence)) list.Add(ApplicationStep.Competence);
        if (parts.HasFlag(ApplicationParts.Bpa)) list.Add(ApplicationStep.Bpa);
        if (parts.HasFlag(ApplicationParts.Projects)) list.Add(ApplicationStep.Projects);
        list.Add(ApplicationStep.Summary);
        return list;
    }

    public static ApplicationStep Next(ApplicationParts parts, ApplicationStep step)
    {
        var steps = Offered(parts);
        var at = steps.ToList().IndexOf(step);
        return at >= 0 && at + 1 < steps.Count ? steps[at + 1] : ApplicationStep.Summary;
    }

    /// <summary>The step an issue path belongs to ("" and unknown paths belong to the summary).</summary>
    public static ApplicationStep Of(string field) =>
        field.StartsWith("competenceMeasures", StringComparison.Ordinal) ? ApplicationStep.Competence
        : field.StartsWith("bpaTrainings", StringComparison.Ordinal) ? ApplicationStep.Bpa
        : field.StartsWith("projects", StringComparison.Ordinal) ? ApplicationStep.Projects
        : field.Length == 0 ? ApplicationStep.Summary
        : ApplicationStep.Applicant;
}
