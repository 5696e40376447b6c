using Ktu.Web.Web;

namespace Ktu.Web.Features.Administration;

/// <summary>What Program.cs needs of this feature: the administrator's endpoints (the pages are found by Razor Pages).</summary>
internal static class AdministrationFeature
{
    public static IEndpointRouteBuilder MapAdministration(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/v1/admin/organisations")
            .WithTags("Administrasjon")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        ListOrganisations.Map(organisations);
        RegisterOrganisation.Map(organisations);
        EditOrganisation.Map(organisations);
        DeactivateOrganisation.Map(organisations);

        // Admins, an embete's leader for the embete's own staff, an application administrator for the organisation's own
        // applicants: each handler checks what the caller may grant (RolesAreGrantedOnlyWithinOnesOwn).
        var users = app.MapGroup("/api/v1/admin/users").WithTags("Administrasjon").ProducesProblem(StatusCodes.Status403Forbidden);
        ListUsers.Map(users);
        LockUser.Map(users);
        UnlockUser.Map(users);
        ChangeUserRoles.Map(users);
        var invitations = app.MapGroup("/api/v1/admin/invitations").WithTags("Administrasjon").ProducesProblem(StatusCodes.Status403Forbidden);
        ListInvitations.Map(invitations);
        InviteUser.Map(invitations);
        // Admins for every organisation, an application administrator for their own (ApiClientsAreRegisteredOnlyForOnesOwn).
        var clients = app.MapGroup("/api/v1/admin/api-clients")
            .WithTags("Administrasjon")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        ListApiClients.Map(clients);
        RegisterApiClient.Map(clients);
        RevokeApiClient.Map(clients);
        return app;
    }
}
