using Ktu.Web.Domain;

namespace Ktu.Web.Features.Schemes;

/// <summary>How a scheme year's settings are named in the API and in its forms, each name written once and read both ways.</summary>
internal static class SchemeCodes
{
    /// <summary>The applicant kinds in the scheme's order, with their API names.</summary>
    public static readonly (OrganisationKind Kind, string Code)[] Kinds =
    [
        (OrganisationKind.Municipality, "municipality"),
        (OrganisationKind.CountyMunicipality, "countyMunicipality"),
        (OrganisationKind.University, "university"),
        (OrganisationKind.InterMunicipalCompany, "interMunicipalCompany"),
    ];

    /// <summary>The parts one may apply for, one flag each, with their API names (<see cref="ApplicationPartNames.Codes"/>).</summary>
    public static readonly (ApplicationParts Part, string Code)[] Parts =
        [.. new[] { ApplicationParts.Competence, ApplicationParts.Bpa, ApplicationParts.Projects }.Select(p => (p, ApplicationPartNames.Codes(p).Single()))];

    private static readonly (ThresholdComparison Comparison, string Code)[] Comparisons =
        [(ThresholdComparison.AtLeast, "atLeast"), (ThresholdComparison.Above, "above")];

    public static string KindCode(OrganisationKind kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Code ?? kind.ToString();

    public static OrganisationKind? KindOf(string? code) => Kinds.Where(k => k.Code == code).Select(k => (OrganisationKind?)k.Kind).FirstOrDefault();

    public static ApplicationParts? PartOf(string? code) => Parts.Where(p => p.Code == code).Select(p => (ApplicationParts?)p.Part).FirstOrDefault();

    public static string ComparisonCode(ThresholdComparison comparison) => Comparisons.First(c => c.Comparison == comparison).Code;

    public static ThresholdComparison? ComparisonOf(string? code) =>
        Comparisons.Where(c => c.Code == code).Select(c => (ThresholdComparison?)c.Comparison).FirstOrDefault();
}
