namespace Ktu.Web.Domain.Rules;

/// <summary>
/// An API client acts for one organisation or one embete, and nobody registers one for more than they have: the
/// administrator for any organisation or embete; an applicant organisation's application administrator only for their
/// own organisation; an embete's leader only for their own embete. A client gets the scopes of its side only
/// (<see cref="ApiScopes.ApplicantSide"/> for an organisation, <see cref="ApiScopes.EmbeteSide"/> for an embete), so an
/// embete's system never gets an applicant's scopes and the other way round. Another organisation's or embete's clients
/// are not theirs to see or revoke. Everyone else (a case officer too) registers nothing.
/// </summary>
public static class ApiClientsAreRegisteredOnlyForOnesOwn
{
    /// <summary>Whether the granter registers, lists and revokes any API client at all (the page, the menu, the API).</summary>
    public static bool RegistersAny(RolesAreGrantedOnlyWithinOnesOwn.Granter granter) =>
        granter.Roles.Contains(Roles.Admin) || IsApplicationAdmin(granter) || IsLeader(granter);

    /// <summary>Whether the granter sees, registers and revokes the clients of <paramref name="organisationId"/>.</summary>
    public static bool Manages(RolesAreGrantedOnlyWithinOnesOwn.Granter granter, int organisationId) =>
        granter.Roles.Contains(Roles.Admin) || (IsApplicationAdmin(granter) && organisationId == granter.OrganisationId);

    /// <summary>Whether the granter sees, registers and revokes the clients of the embete <paramref name="embeteId"/>.</summary>
    public static bool ManagesEmbete(RolesAreGrantedOnlyWithinOnesOwn.Granter granter, string embeteId) =>
        granter.Roles.Contains(Roles.Admin) || (IsLeader(granter) && string.Equals(embeteId, granter.EmbeteId, StringComparison.Ordinal));

    /// <summary>Whether the granter manages <paramref name="client"/> (its organisation's or its embete's).</summary>
    public static bool Manages(RolesAreGrantedOnlyWithinOnesOwn.Granter granter, ApiClient client) =>
        client.EmbeteId is { } embeteId ? ManagesEmbete(granter, embeteId) : Manages(granter, client.OrganisationId!.Value);

    /// <summary>
    /// The scopes the granter may give a client: the administrator every one (each client only its side's), an
    /// application administrator the applicant side's, an embete's leader the embete side's.
    /// </summary>
    public static IReadOnlyList<string> ScopesGrantableBy(RolesAreGrantedOnlyWithinOnesOwn.Granter granter) =>
        granter.Roles.Contains(Roles.Admin) ? ApiScopes.All
        : IsApplicationAdmin(granter) ? ApiScopes.ApplicantSide
        : IsLeader(granter) ? ApiScopes.EmbeteSide
        : [];

    /// <summary>The scopes a client of an embete (<paramref name="forEmbete"/>) or of an organisation may hold.</summary>
    public static IReadOnlyList<string> ScopesOfSide(bool forEmbete) => forEmbete ? ApiScopes.EmbeteSide : ApiScopes.ApplicantSide;

    private static bool IsApplicationAdmin(RolesAreGrantedOnlyWithinOnesOwn.Granter granter) =>
        granter.Roles.Contains(Roles.ApplicationAdmin) && granter.OrganisationId is not null;

    private static bool IsLeader(RolesAreGrantedOnlyWithinOnesOwn.Granter granter) =>
        granter.Roles.Contains(Roles.Approver) && granter.EmbeteId is not null;
}
