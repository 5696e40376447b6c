namespace Ktu.Web.Domain.Rules;

/// <summary>
/// An API client acts for one organisation, and nobody registers one for more than they have: the administrator for any
/// organisation with any scope; an applicant organisation's application administrator only for their own organisation
/// and only with the applicant side's scopes (<see cref="ApiScopes.ApplicantSide"/>). Another organisation's clients
/// are not theirs to see or revoke. Everyone else registers nothing.
/// </summary>
public static class ApiClientsAreRegisteredOnlyForOnesOwn
{
    /// <summary>Whether the granter registers, lists and revokes any API client at all (the page, the menu, the API).</summary>
    public static bool RegistersAny(RolesAreGrantedOnlyWithinOnesOwn.Granter granter) =>
        granter.Roles.Contains(Roles.Admin) || IsApplicationAdmin(granter);

    /// <summary>Whether the granter sees, registers and revokes the clients of <paramref name="organisationId"/>.</summary>
    public static bool Manages(RolesAreGrantedOnlyWithinOnesOwn.Granter granter, int organisationId) =>
        granter.Roles.Contains(Roles.Admin) || (IsApplicationAdmin(granter) && organisationId == granter.OrganisationId);

    /// <summary>The scopes the granter may give a client: the administrator every one, an application administrator the applicant side's.</summary>
    public static IReadOnlyList<string> ScopesGrantableBy(RolesAreGrantedOnlyWithinOnesOwn.Granter granter) =>
        granter.Roles.Contains(Roles.Admin) ? ApiScopes.All : IsApplicationAdmin(granter) ? ApiScopes.ApplicantSide : [];

    private static bool IsApplicationAdmin(RolesAreGrantedOnlyWithinOnesOwn.Granter granter) =>
        granter.Roles.Contains(Roles.ApplicationAdmin) && granter.OrganisationId is not null;
}
