namespace Ktu.Web.Domain.Rules;

/// <summary>
/// ID-porten signs in applicants and Ansattporten signs in staff, never the other way round: a person who proves who they are
/// through the citizens' log-in gets no case handling, and the employees' log-in opens no municipality's applications. An
/// account with roles of both kinds, or with none, is signed in by neither (it uses its password).
/// </summary>
public static class ExternalLogInIsForItsOwnKindOfUser
{
    public enum Kind
    {
        Applicants,
        Staff,
    }

    private static readonly string[] StaffRoles = [Roles.CaseOfficer, Roles.Approver, Roles.Directorate, Roles.Admin];

    public static bool Allows(Kind kind, IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
        {
            return false;
        }
        return kind == Kind.Applicants
            ? roles.All(r => r == Roles.Applicant)
            : roles.All(StaffRoles.Contains);
    }
}
