using Microsoft.AspNetCore.Identity;

namespace Ktu.Web.Domain;

/// <summary>The roles of KTU. An applicant is bound to one organisation; officers and approvers to one embete.</summary>
public static class Roles
{
    public const string Applicant = "applicant";
    public const string CaseOfficer = "case-officer";
    public const string Approver = "approver";
    public const string Directorate = "directorate";
    public const string Admin = "admin";
    /// <summary>An applicant organisation's own "tilgangsstyrer" (as in Altinn): grants and revokes colleagues' applicant access.</summary>
    public const string ApplicationAdmin = "application-admin";

    public static readonly IReadOnlyList<string> All = [Applicant, ApplicationAdmin, CaseOfficer, Approver, Directorate, Admin];

    /// <summary>Roles held for one applicant organisation (the user's <c>OrganisationId</c>).</summary>
    public static bool IsOrganisationRole(string role) => role is Applicant or ApplicationAdmin;

    /// <summary>Roles held for one embete (the user's <c>EmbeteId</c>).</summary>
    public static bool IsEmbeteRole(string role) => role is CaseOfficer or Approver;

    /// <summary>
    /// Whether the role fits an account of the given place: an organisation's roles an organisation's user, an embete's
    /// roles an embete's user, and the directorate's and administrator's roles a user of neither. One account, one place.
    /// </summary>
    public static bool Fits(string role, int? organisationId, string? embeteId) =>
        IsOrganisationRole(role) ? organisationId is not null && embeteId is null
        : IsEmbeteRole(role) ? embeteId is not null && organisationId is null
        : organisationId is null && embeteId is null;

    public static string Norwegian(string role) => role switch
    {
        Applicant => "Søker",
        ApplicationAdmin => "Tilgangsstyrer for søknader",
        CaseOfficer => "Saksbehandler",
        Approver => "Leder (godkjenner)",
        Directorate => "Helsedirektoratet",
        Admin => "Administrator",
        _ => role,
    };
}
