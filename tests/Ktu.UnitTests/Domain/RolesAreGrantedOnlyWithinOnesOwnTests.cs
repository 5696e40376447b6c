using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;

namespace Ktu.UnitTests.Domain;

public sealed class RolesAreGrantedOnlyWithinOnesOwnTests
{
    [Theory]
    [InlineData(Roles.Admin, null, Roles.Admin, null, true)]
    [InlineData(Roles.Admin, null, Roles.CaseOfficer, "nordland", true)]
    [InlineData(Roles.Approver, "trondelag", Roles.CaseOfficer, "trondelag", true)]
    [InlineData(Roles.Approver, "trondelag", Roles.Approver, "trondelag", true)]
    [InlineData(Roles.Approver, "trondelag", Roles.CaseOfficer, "nordland", false)]
    [InlineData(Roles.Approver, "trondelag", Roles.Admin, null, false)]
    [InlineData(Roles.Approver, "trondelag", Roles.Directorate, null, false)]
    [InlineData(Roles.Approver, "trondelag", Roles.Applicant, null, false)]
    [InlineData(Roles.Approver, null, Roles.CaseOfficer, null, false)]
    [InlineData(Roles.CaseOfficer, "trondelag", Roles.CaseOfficer, "trondelag", false)]
    [InlineData(Roles.Directorate, null, Roles.Directorate, null, false)]
    [InlineData(Roles.Applicant, null, Roles.Applicant, null, false)]
    public void Nobody_grants_more_than_they_have(string granter, string? granterEmbete, string role, string? embete, bool allowed) =>
        Assert.Equal(allowed, RolesAreGrantedOnlyWithinOnesOwn.Allows([granter], granterEmbete, role, embete));
}
