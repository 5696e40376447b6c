using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Account;

/// <summary>
/// A user changes their own password (issue 19): the current password is required, the new one meets the same rules as
/// everywhere else, and the new security stamp ends every other session and token at once (<see cref="SessionsEndAtOnce"/>).
/// A wrong current password counts as a wrong password on the log-in, for the network it came from
/// (<see cref="Domain.Rules.WrongPasswordsLockOutOnlyTheirOwnNetwork"/>), so a stolen session cannot be used to guess it,
/// and nobody with a session can lock the holder out everywhere by typing wrong passwords (issue 16). From a locked-out
/// network the password is not checked and not changed.
/// </summary>
internal static class ChangeOwnPassword
{
    public static async Task<FieldErrors> HandleAsync(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time,
        HttpContext http, string? currentPassword, string? newPassword, CancellationToken ct)
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
        var network = LoginAddress.Shorten(http.Connection.RemoteIpAddress);
        var now = time.GetUtcNow();
        var lockout = await db.LoginLockouts.SingleOrDefaultAsync(l => l.UserId == user.Id && l.Network == network, ct);
        if (lockout?.IsLockedOut(now) == true)
        {
            errors.Add("currentPassword", AccountTexts.ChangePassword_LockedOut);
            return errors;
        }
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
                var lockedOut = await LoginCheck.CountWrongPasswordAsync(db, lockout, user.Id, network, now, users.Options.Lockout, ct);
                AuditTrail.Record(db, me, now, lockedOut ? LoginEvents.LockedOut : LoginEvents.Failed, "User", user.Id, user.OrganisationId, user.EmbeteId,
                    after: new { Address = network, Channel = http.Request.Path.StartsWithSegments("/api") ? "api" : "page" });
                await db.SaveChangesAsync(ct);
            }
            return errors;
        }
        if (lockout is not null)
        {
            // The right password from the network forgets its wrong ones, as on the log-in.
            db.LoginLockouts.Remove(lockout);
        }
        AuditTrail.Record(db, me, now, "user.password-changed", "User", user.Id, user.OrganisationId, user.EmbeteId);
        await db.SaveChangesAsync(ct);
        return errors;
    }
}
