using System.ComponentModel.DataAnnotations;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>Who to invite: an e-mail address, a role, and the organisation (applicant) or embete (staff) it is for.</summary>
public sealed record InvitationInput
{
    public string? Email { get; init; }
    public string? FullName { get; init; }
    /// <summary>One of <c>applicant</c>, <c>application-admin</c>, <c>case-officer</c>, <c>approver</c>, <c>directorate</c>, <c>admin</c>.</summary>
    public string? Role { get; init; }
    /// <summary>Required for an applicant or application administrator (an application administrator's own by default).</summary>
    public int? OrganisationId { get; init; }
    /// <summary>Required for a case officer or approver.</summary>
    public string? EmbeteId { get; init; }
}

/// <summary>
/// Invites a user by e-mail through the outbox: the account is made without a password, with one role, and the e-mail
/// holds a one-time link to choose the password (<see cref="PasswordLink"/>, 24 hours). Nobody grants more than they have
/// (<see cref="RolesAreGrantedOnlyWithinOnesOwn"/>): the administrator anyone, an embete's leader only the embete's own
/// case officers and approvers, an application administrator only the organisation's own applicants. Account, role, link, e-mail and audit entry are saved together or not at all.
/// </summary>
internal static class InviteUser
{
    internal abstract record Outcome;
    internal sealed record Invited(PasswordLink Link, AppUser User, string Role) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder invitations) =>
        invitations.MapPost("/", EndpointAsync)
            .WithSummary("Inviter en bruker på e-post med en engangslenke for å velge passord. Ingen kan gi mer enn de selv har.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<InvitationDto>, ValidationProblem>> EndpointAsync(
        [FromBody] InvitationInput? body, HttpRequest request, AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time,
        IConfiguration configuration, CancellationToken ct) =>
        await HandleAsync(db, users, me, time, configuration, request, body ?? new InvitationInput(), ct) switch
        {
            Invited i => TypedResults.Created($"/api/v1/admin/invitations/{i.Link.Id}", Invitations.ToDto(i.Link, i.User, [i.Role], time.GetUtcNow())),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };

    public static async Task<Outcome> HandleAsync(
        AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, IConfiguration configuration, HttpRequest? request,
        InvitationInput input, CancellationToken ct)
    {
        if (!RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(me.Granter))
        {
            throw new ForbiddenException();
        }
        // An application administrator invites to their own organisation without having to name it.
        if (input.Role == Roles.Applicant && input.OrganisationId is null && !me.IsInRole(Roles.Admin) && me.IsInRole(Roles.ApplicationAdmin))
        {
            input = input with { OrganisationId = me.OrganisationId };
        }
        var errors = await CheckAsync(db, input, ct);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var role = input.Role!;
        var embeteId = Roles.IsEmbeteRole(role) ? input.EmbeteId!.Trim() : null;
        var organisationId = Roles.IsOrganisationRole(role) ? input.OrganisationId : null;
        if (!RolesAreGrantedOnlyWithinOnesOwn.Allows(me.Granter, role, organisationId, embeteId))
        {
            throw new ForbiddenException(AdministrationTexts.Invite_MoreThanYouHave);
        }
        var email = input.Email!.Trim();
        if (await users.FindByEmailAsync(email) is not null || await users.FindByNameAsync(email) is not null)
        {
            throw new RuleViolationException(Format.Text(AdministrationTexts.Invite_Exists, email), "user-exists");
        }
        var now = time.GetUtcNow();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = string.IsNullOrWhiteSpace(input.FullName) ? null : input.FullName.Trim(),
            OrganisationId = organisationId,
            EmbeteId = embeteId,
        };
        var link = await WriteTransaction.RunAsync(db, async () =>
        {
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, role));
            var (link, token) = PasswordLink.Issue(user.Id, PasswordLinkPurpose.Invitation, now, me.Id);
            db.PasswordLinks.Add(link);
            db.OutboxMessages.Add(await EmailAsync(db, me, user, role, PublicLinks.SetPassword(configuration, request, token), now, ct));
            AuditTrail.Record(db, me, now, "user.invited", "User", user.Id, user.OrganisationId, user.EmbeteId,
                after: new { user.Email, Roles = new[] { role }, user.OrganisationId, user.EmbeteId });
            await db.SaveChangesAsync(ct);
            return link;
        }, ct);
        return new Invited(link, user, role);
    }

    private static async Task<FieldErrors> CheckAsync(AppDbContext db, InvitationInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = input.Email?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            errors.Add("email", AdministrationTexts.Invite_EmailInvalid);
        }
        if (input.FullName is { Length: > 200 })
        {
            errors.Add("fullName", AdministrationTexts.Invite_NameTooLong);
        }
        switch (input.Role)
        {
            case Roles.Applicant or Roles.ApplicationAdmin:
                var organisationId = input.OrganisationId ?? 0;
                if (!await db.Organisations.AnyAsync(o => o.Id == organisationId && o.DeactivatedAt == null, ct))
                {
                    errors.Add("organisationId", AdministrationTexts.Invite_OrganisationRequired);
                }
                break;
            case Roles.CaseOfficer or Roles.Approver:
                var embeteId = input.EmbeteId?.Trim() ?? "";
                if (embeteId.Length is 0 or > 64 || !await db.Embeter.AnyAsync(e => e.Id == embeteId, ct))
                {
                    errors.Add("embeteId", AdministrationTexts.Invite_EmbeteRequired);
                }
                break;
            case Roles.Directorate or Roles.Admin:
                break;
            default:
                errors.Add("role", AdministrationTexts.Invite_RoleInvalid);
                break;
        }
        return errors;
    }

    private static async Task<OutboxMessage> EmailAsync(AppDbContext db, CurrentUser me, AppUser user, string role, string link, DateTimeOffset now, CancellationToken ct)
    {
        var where = user.OrganisationId is { } orgId
            ? await db.Organisations.Where(o => o.Id == orgId).Select(o => o.Name).SingleAsync(ct)
            : user.EmbeteId is { } embeteId
                ? await db.Embeter.Where(e => e.Id == embeteId).Select(e => e.NameBokmal).SingleAsync(ct)
                : null;
        var access = where is null ? Roles.Norwegian(role).ToLowerInvariant() : $"{Roles.Norwegian(role).ToLowerInvariant()} ({where})";
        var body = Format.Text(AdministrationTexts.Invite_EmailBody, me.FullName ?? me.Email ?? "", access, link, (int)PasswordLink.Lifetime.TotalHours);
        return OutboxMessage.Email(user.Email!, AdministrationTexts.Invite_EmailSubject, body, now);
    }

    private static void Check(Microsoft.AspNetCore.Identity.IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
