namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Nobody grants more than they have, and only within their own (delegation the way Altinn does it): the administrator
/// grants any role to anyone (the directorate's users among them); an embete's leader (approver) grants case officer and
/// approver, and only in their own embete; an applicant organisation's application administrator grants applicant access,
/// and only in their own organisation; the directorate grants the directorate's role, and only to users of the directorate
/// (accounts of no organisation and no embete). Everyone else grants nothing. The same rule decides whose accounts one sees,
/// and nobody but the administrator sees or manages an administrator's account.
/// </summary>
public static class RolesAreGrantedOnlyWithinOnesOwn
{
    /// <summary>Who grants: their roles, and the organisation or embete they belong to.</summary>
    public sealed record Granter(IReadOnlyCollection<string> Roles, int? OrganisationId, string? EmbeteId);

    /// <summary>Whether <paramref name="granter"/> may grant or revoke <paramref name="role"/> for someone in the given organisation or embete.</summary>
    public static bool Allows(Granter granter, string role, int? organisationId, string? embeteId)
    {
        if (granter.Roles.Contains(Roles.Admin))
        {
            return true;
        }
        if (IsLeader(granter))
        {
            return Roles.IsEmbeteRole(role) && string.Equals(embeteId, granter.EmbeteId, StringComparison.Ordinal);
        }
        if (IsApplicationAdmin(granter))
        {
            return role == Roles.Applicant && organisationId == granter.OrganisationId;
        }
        if (IsDirectorate(granter))
        {
            return role == Roles.Directorate && organisationId is null && embeteId is null;
        }
        return false;
    }

    /// <summary>The roles <paramref name="granter"/> may grant to someone in their own organisation or embete.</summary>
    public static IReadOnlyList<string> GrantableByOwn(Granter granter) =>
        Roles.All.Where(r => Allows(granter, r, granter.OrganisationId, granter.EmbeteId)).ToList();

    /// <summary>Whether the granter may invite or manage anyone at all (the pages and lists).</summary>
    public static bool GrantsAnything(Granter granter) =>
        granter.Roles.Contains(Roles.Admin) || IsLeader(granter) || IsApplicationAdmin(granter) || IsDirectorate(granter);

    /// <summary>
    /// Whether the granter sees and manages the account of someone in the given organisation or embete: the administrator
    /// everyone, a leader the embete's people, an application administrator the organisation's, the directorate the
    /// directorate's (of no organisation and no embete) except administrators. Anyone else's is not found.
    /// <paramref name="roles"/> are the account's roles (an administrator's account is the administrator's alone).
    /// </summary>
    public static bool Manages(Granter granter, int? organisationId, string? embeteId, IReadOnlyCollection<string> roles) =>
        granter.Roles.Contains(Roles.Admin)
        || (!roles.Contains(Roles.Admin)
            && ((IsLeader(granter) && string.Equals(embeteId, granter.EmbeteId, StringComparison.Ordinal))
                || (IsApplicationAdmin(granter) && organisationId == granter.OrganisationId)
                || (IsDirectorate(granter) && organisationId is null && embeteId is null)));

    private static bool IsLeader(Granter granter) => granter.Roles.Contains(Roles.Approver) && granter.EmbeteId is not null;

    /// <summary>A directorate user: the role, on an account of no organisation and no embete (the directorate's own).</summary>
    private static bool IsDirectorate(Granter granter) =>
        granter.Roles.Contains(Roles.Directorate) && granter.OrganisationId is null && granter.EmbeteId is null;

    private static bool IsApplicationAdmin(Granter granter) => granter.Roles.Contains(Roles.ApplicationAdmin) && granter.OrganisationId is not null;
}
