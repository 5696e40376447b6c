namespace Ktu.Web.Domain.Applications;

/// <summary>What the rules need besides the content: the year's rules, who applies, and when.</summary>
public sealed record ApplicationRuleContext(
    SchemeYear Scheme,
    OrganisationKind ApplicantKind,
    DateTimeOffset Deadline,
    DateTimeOffset Now)
{
    public ApplicationParts OfferedParts => Scheme.PartsFor(ApplicantKind);

    public bool IsBeforeDeadline => Now <= Deadline;
}
