using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;

namespace Ktu.UnitTests.Domain;

public sealed class ApiClientsAreRegisteredOnlyForOnesOwnTests
{
    private static readonly RolesAreGrantedOnlyWithinOnesOwn.Granter Admin = new([Roles.Admin], null, null);
    private static readonly RolesAreGrantedOnlyWithinOnesOwn.Granter ApplicationAdmin = new([Roles.Applicant, Roles.ApplicationAdmin], 7, null);

    [Fact]
    public void The_administrator_registers_for_any_organisation_with_any_scope()
    {
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(Admin));
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.Manages(Admin, 8));
        Assert.Equal(ApiScopes.All, ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(Admin));
    }

    [Fact]
    public void An_application_administrator_registers_only_for_the_own_organisation_with_the_applicant_sides_scopes()
    {
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(ApplicationAdmin));
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.Manages(ApplicationAdmin, 7));
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.Manages(ApplicationAdmin, 8));
        Assert.Equal(ApiScopes.ApplicantSide, ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(ApplicationAdmin));
    }

    [Theory]
    [InlineData(Roles.Applicant, 7, null)]
    [InlineData(Roles.ApplicationAdmin, null, null)]
    [InlineData(Roles.CaseOfficer, null, "trondelag")]
    [InlineData(Roles.Approver, null, "trondelag")]
    [InlineData(Roles.Directorate, null, null)]
    public void Everyone_else_registers_nothing(string role, int? organisationId, string? embeteId)
    {
        var granter = new RolesAreGrantedOnlyWithinOnesOwn.Granter([role], organisationId, embeteId);
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(granter));
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.Manages(granter, 7));
        Assert.Empty(ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(granter));
    }
}
