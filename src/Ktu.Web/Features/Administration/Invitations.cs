using Ktu.Web.Domain;

namespace Ktu.Web.Features.Administration;

/// <param name="State">open, used or expired.</param>
public sealed record InvitationDto(
    Guid Id, string UserId, string Email, string? FullName, IReadOnlyList<string> Roles, int? OrganisationId, string? EmbeteId,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, string State);

internal static class Invitations
{
    public static InvitationDto ToDto(PasswordLink link, AppUser user, IReadOnlyList<string> roles, DateTimeOffset now) =>
        new(link.Id, user.Id, user.Email ?? "", user.FullName, roles, user.OrganisationId, user.EmbeteId, link.CreatedAt, link.ExpiresAt, link.UsedAt,
            link.StateAt(now) switch
            {
                PasswordLinkState.Used => "used",
                PasswordLinkState.Expired => "expired",
                _ => "open",
            });
}
