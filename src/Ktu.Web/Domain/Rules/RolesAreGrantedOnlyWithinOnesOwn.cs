namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Nobody grants more than they have: the administrator grants any role anywhere; an embete's leader (approver) grants
/// only case officer and approver, and only in their own embete. Everyone else grants nothing.
/// </summary>
public static class RolesAreGrantedOnlyWithinOnesOwn
{
    public static bool Allows(IReadOnlyCollection<string> granterRoles, string? granterEmbeteId, string role, string? embeteId)
    {
        if (granterRoles.Contains(Roles.Admin))
        {
            return true;
        }
        return granterRoles.Contains(Roles.Approver)
            && granterEmbeteId is not null
            && role is Roles.CaseOfficer or Roles.Approver
            && string.Equals(embeteId, granterEmbeteId, StringComparison.Ordinal);
    }

    /// <summary>Whether the granter may invite or manage anyone at all (the pages and lists).</summary>
    public static bool GrantsAnything(IReadOnlyCollection<string> granterRoles, string? granterEmbeteId) =>
        granterRoles.Contains(Roles.Admin) || (granterRoles.Contains(Roles.Approver) && granterEmbeteId is not null);
}
