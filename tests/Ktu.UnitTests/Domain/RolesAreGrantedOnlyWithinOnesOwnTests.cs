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
    [InlineData(Roles.Approver, "trondelag", Roles.ApplicationAdmin, null, false)]
    [InlineData(Roles.Approver, null, Roles.CaseOfficer, null, false)]
    [InlineData(Roles.CaseOfficer, "trondelag", Roles.CaseOfficer, "trondelag", false)]
    [InlineData(Roles.Directorate, null, Roles.Directorate, null, true)]
    [InlineData(Roles.Directorate, null, Roles.Admin, null, false)]
    [InlineData(Roles.Directorate, null, Roles.CaseOfficer, "trondelag", false)]
    [InlineData(Roles.Directorate, null, Roles.Approver, "trondelag", false)]
    [InlineData(Roles.Directorate, null, Roles.Directorate, "trondelag", false)]
    [InlineData(Roles.Directorate, "trondelag", Roles.Directorate, null, false)]
    public void Staff_grant_no_more_than_they_have(string granter, string? granterEmbete, string role, string? embete, bool allowed) =>
        Assert.Equal(allowed, RolesAreGrantedOnlyWithinOnesOwn.Allows(new([granter], null, granterEmbete), role, null, embete));

    [Theory]
    [InlineData(Roles.ApplicationAdmin, 7, Roles.Applicant, 7, true)]
    [InlineData(Roles.ApplicationAdmin, 7, Roles.Applicant, 8, false)]
    [InlineData(Roles.ApplicationAdmin, 7, Roles.ApplicationAdmin, 7, false)]
    [InlineData(Roles.ApplicationAdmin, 7, Roles.CaseOfficer, 7, false)]
    [InlineData(Roles.ApplicationAdmin, 7, Roles.Admin, 7, false)]
    [InlineData(Roles.ApplicationAdmin, null, Roles.Applicant, null, false)]
    [InlineData(Roles.Applicant, 7, Roles.Applicant, 7, false)]
    [InlineData(Roles.Admin, null, Roles.ApplicationAdmin, 8, true)]
    public void An_application_administrator_grants_only_applicant_access_in_the_own_organisation(
        string granter, int? granterOrganisation, string role, int? organisation, bool allowed) =>
        Assert.Equal(allowed, RolesAreGrantedOnlyWithinOnesOwn.Allows(new([granter], granterOrganisation, null), role, organisation, null));

    [Fact]
    public void One_sees_only_the_people_of_ones_own_organisation_or_embete()
    {
        var applicationAdmin = new RolesAreGrantedOnlyWithinOnesOwn.Granter([Roles.Applicant, Roles.ApplicationAdmin], 7, null);
        var leader = new RolesAreGrantedOnlyWithinOnesOwn.Granter([Roles.Approver], null, "trondelag");

        Assert.True(RolesAreGrantedOnlyWithinOnesOwn.Manages(applicationAdmin, 7, null, [Roles.Applicant]));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.Manages(applicationAdmin, 8, null, [Roles.Applicant]));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.Manages(applicationAdmin, null, "trondelag", []));
        Assert.True(RolesAreGrantedOnlyWithinOnesOwn.Manages(leader, null, "trondelag", [Roles.CaseOfficer]));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.Manages(leader, 7, null, []));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.Manages(new([Roles.CaseOfficer], null, "trondelag"), null, "trondelag", []));
        Assert.Equal([Roles.Applicant], RolesAreGrantedOnlyWithinOnesOwn.GrantableByOwn(applicationAdmin));
        Assert.Equal([Roles.CaseOfficer, Roles.Approver], RolesAreGrantedOnlyWithinOnesOwn.GrantableByOwn(leader));
    }

    [Fact]
    public void The_directorate_manages_the_directorates_users_but_no_administrator_and_grants_only_its_own_role()
    {
        var directorate = new RolesAreGrantedOnlyWithinOnesOwn.Granter([Roles.Directorate], null, null);

        Assert.True(RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(directorate));
        Assert.True(RolesAreGrantedOnlyWithinOnesOwn.Manages(directorate, null, null, [Roles.Directorate]));
        Assert.True(RolesAreGrantedOnlyWithinOnesOwn.Manages(directorate, null, null, []));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.Manages(directorate, null, null, [Roles.Admin]));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.Manages(directorate, null, null, [Roles.Directorate, Roles.Admin]));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.Manages(directorate, 7, null, [Roles.Applicant]));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.Manages(directorate, null, "trondelag", [Roles.CaseOfficer]));
        Assert.True(RolesAreGrantedOnlyWithinOnesOwn.Manages(new([Roles.Admin], null, null), null, null, [Roles.Admin]));
        Assert.Equal([Roles.Directorate], RolesAreGrantedOnlyWithinOnesOwn.GrantableByOwn(directorate));
        Assert.False(RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(new([Roles.Directorate], null, "trondelag")));
    }
}
