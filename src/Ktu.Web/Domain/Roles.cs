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

    public static readonly IReadOnlyList<string> All = [Applicant, CaseOfficer, Approver, Directorate, Admin];

    public static string Norwegian(string role) => role switch
    {
        Applicant => "Søker",
        CaseOfficer => "Saksbehandler",
        Approver => "Leder (godkjenner)",
        Directorate => "Helsedirektoratet",
        Admin => "Administrator",
        _ => role,
    };
}
