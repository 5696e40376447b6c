using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Identity;

namespace Ktu.Web.Features.Account;

/// <summary>
/// A user changes their own password (issue 19): the current password is required, the new one meets the same rules as
/// everywhere else, and the new security stamp ends every other session and token at once (<see cref="SessionsEndAtOnce"/>).
/// A wrong current password counts as a failed log-in, so a stolen session cannot be used to guess it.
/// </summary>
internal static class ChangeOwnPassword
{
    public static async Task<FieldErrors> HandleAsync(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time,
        string? currentPassword, string? newPassword, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(currentPassword))
        {
            errors.Add("currentPassword", AccountTexts.ChangePassword_CurrentRequired);
        }
        if (string.IsNullOrEmpty(newPassword))
        {
            errors.Add("newPassword", AccountTexts.ChangePassword_NewRequired);
        }
        else if (newPassword.Length > 256)
        {
            errors.Add("newPassword", AccountTexts.Login_PasswordTooLong);
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var user = await users.FindByIdAsync(me.Id ?? throw new ForbiddenException()) ?? throw new ForbiddenException();
        var result = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var mismatch = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch);
                errors.Add(mismatch ? "currentPassword" : "newPassword", mismatch ? AccountTexts.ChangePassword_CurrentWrong : error.Description);
            }
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user);
            }
            return errors;
        }
        AuditTrail.Record(db, me, time.GetUtcNow(), "user.password-changed", "User", user.Id, user.OrganisationId, user.EmbeteId);
        await db.SaveChangesAsync(ct);
        return errors;
    }
}
