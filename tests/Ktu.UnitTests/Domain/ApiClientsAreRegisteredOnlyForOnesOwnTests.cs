using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;

namespace Ktu.UnitTests.Domain;

public sealed class ApiClientsAreRegisteredOnlyForOnesOwnTests
{
    private static readonly RolesAreGrantedOnlyWithinOnesOwn.Granter Admin = new([Roles.Admin], null, null);
    private static readonly RolesAreGrantedOnlyWithinOnesOwn.Granter ApplicationAdmin = new([Roles.Applicant, Roles.ApplicationAdmin], 7, null);
    private static readonly RolesAreGrantedOnlyWithinOnesOwn.Granter Leader = new([Roles.Approver], null, "trondelag");

    [Fact]
    public void The_administrator_registers_for_any_organisation_with_any_scope()
    {
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(Admin));
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.Manages(Admin, 8));
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.ManagesEmbete(Admin, "innlandet"));
        Assert.Equal(ApiScopes.All, ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(Admin));
    }

    [Fact]
    public void An_embetes_leader_registers_only_for_the_own_embete_with_the_embete_sides_read_scopes()
    {
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(Leader));
        Assert.True(ApiClientsAreRegisteredOnlyForOnesOwn.ManagesEmbete(Leader, "trondelag"));
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.ManagesEmbete(Leader, "innlandet"));
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.Manages(Leader, 7));
        Assert.Equal(ApiScopes.EmbeteSide, ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(Leader));
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.ManagesEmbete(ApplicationAdmin, "trondelag"));
    }

    [Fact]
    public void Each_side_gets_only_its_own_scopes_and_an_embete_client_only_reads()
    {
        Assert.Empty(ApiScopes.EmbeteSide.Intersect(ApiScopes.ApplicantSide));
        Assert.All(ApiScopes.EmbeteSide, s => Assert.EndsWith(".read", s, StringComparison.Ordinal));
        Assert.Equal(ApiScopes.EmbeteSide, ApiClientsAreRegisteredOnlyForOnesOwn.ScopesOfSide(forEmbete: true));
        Assert.Equal(ApiScopes.ApplicantSide, ApiClientsAreRegisteredOnlyForOnesOwn.ScopesOfSide(forEmbete: false));
        Assert.Throws<ArgumentException>(() => ApiClient.RegisterForEmbete("x", "trondelag", [ApiScopes.ApplicationsRead], DateTimeOffset.UnixEpoch, null));
        Assert.Throws<ArgumentException>(() => ApiClient.Register("x", 7, [ApiScopes.CasesRead], DateTimeOffset.UnixEpoch, null));
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
    [InlineData(Roles.Approver, null, null)]
    [InlineData(Roles.Directorate, null, null)]
    public void Everyone_else_registers_nothing(string role, int? organisationId, string? embeteId)
    {
        var granter = new RolesAreGrantedOnlyWithinOnesOwn.Granter([role], organisationId, embeteId);
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(granter));
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.Manages(granter, 7));
        Assert.False(ApiClientsAreRegisteredOnlyForOnesOwn.ManagesEmbete(granter, "trondelag"));
        Assert.Empty(ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(granter));
    }
}
