namespace Ktu.Web.Domain;

/// <summary>Which parts an applicant type may apply for in a scheme year, optionally restricted to some education types.</summary>
public sealed class SchemeApplicantRule
{
    public int Id { get; private set; }
    public int SchemeYear { get; set; }
    public required OrganisationKind Kind { get; set; }
    public ApplicationParts Parts { get; set; }
    /// <summary>When not empty, only these education type codes (2025: county municipalities only mental health and substance abuse).</summary>
    public List<string> OnlyEducationTypes { get; set; } = [];
}
