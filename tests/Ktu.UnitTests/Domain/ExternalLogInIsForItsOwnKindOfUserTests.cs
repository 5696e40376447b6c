using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using static Ktu.Web.Domain.Rules.ExternalLogInIsForItsOwnKindOfUser;

namespace Ktu.UnitTests.Domain;

public sealed class ExternalLogInIsForItsOwnKindOfUserTests
{
    [Theory]
    [InlineData(Kind.Applicants, new[] { Roles.Applicant }, true)]
    [InlineData(Kind.Applicants, new[] { Roles.CaseOfficer }, false)]
    [InlineData(Kind.Applicants, new[] { Roles.Admin }, false)]
    [InlineData(Kind.Applicants, new[] { Roles.Applicant, Roles.Approver }, false)]
    [InlineData(Kind.Staff, new[] { Roles.CaseOfficer }, true)]
    [InlineData(Kind.Staff, new[] { Roles.Approver, Roles.CaseOfficer }, true)]
    [InlineData(Kind.Staff, new[] { Roles.Directorate }, true)]
    [InlineData(Kind.Staff, new[] { Roles.Admin }, true)]
    [InlineData(Kind.Staff, new[] { Roles.Applicant }, false)]
    [InlineData(Kind.Staff, new[] { Roles.Admin, Roles.Applicant }, false)]
    [InlineData(Kind.Applicants, new string[0], false)]
    [InlineData(Kind.Staff, new string[0], false)]
    public void Each_provider_signs_in_only_its_own_kind_of_user(Kind kind, string[] roles, bool allowed) =>
        Assert.Equal(allowed, Allows(kind, roles));
}
