using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Account;

/// <summary>
/// Sets a password with a one-time link (<see cref="PasswordLink"/>): the first administrator's and an invited user's.
/// The link is used up in the same transaction as the password is saved, by one conditional update, so two uses at
/// once give one password and the other a clear answer.
/// </summary>
internal static class SetPasswordWithLink
{
    public abstract record Outcome
    {
        public sealed record Done(string Email) : Outcome;

        /// <summary>The link cannot be used (unknown, used or expired); the message says which and what to do.</summary>
        public sealed record Unusable(string Message) : Outcome;

        public sealed record Invalid(FieldErrors Errors) : Outcome;
    }

    /// <summary>Why the link cannot be used, in words for its holder; null when it can.</summary>
    public static async Task<string?> ProblemAsync(AppDbContext db, string? token, DateTimeOffset now, CancellationToken ct) =>
        Problem(await FindAsync(db, token, ct), now);

    public static async Task<Outcome> HandleAsync(
        AppDbContext db, KtuUserManager users, CurrentUser me, string? token, string? password, string? repeated, DateTimeOffset now, CancellationToken ct)
    {
        var link = await FindAsync(db, token, ct);
        if (Problem(link, now) is { } problem)
        {
            return new Outcome.Unusable(problem);
        }
        if (await users.FindByIdAsync(link!.UserId) is not { } user)
        {
            return new Outcome.Unusable(AccountTexts.SetPassword_LinkUnknown);
        }
        var errors = await CheckAsync(users, user, password, repeated);
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        var used = await WriteTransaction.RunAsync(db, async () =>
        {
            var claimed = await db.PasswordLinks.Where(l => l.Id == link.Id && l.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, (DateTimeOffset?)now), ct);
            if (claimed == 0)
            {
                return false;
            }
            AuditTrail.Record(db, me, now, "user.password-set-with-link", "User", user.Id, user.OrganisationId, user.EmbeteId,
                after: new { user.Email, Purpose = link.Purpose.ToString() });
            var result = await users.SetPasswordAsync(user, password!);
            // Checked above; a refusal here throws, and the transaction rolls back with the link still open.
            return result.Succeeded ? true : throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }, ct);
        return used ? new Outcome.Done(user.Email ?? "") : new Outcome.Unusable(AccountTexts.SetPassword_LinkUsed);
    }

    private static async Task<PasswordLink?> FindAsync(AppDbContext db, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > PasswordLink.MaxTokenLength)
        {
            return null;
        }
        var hash = PasswordLink.HashOf(token);
        return await db.PasswordLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
    }

    private static string? Problem(PasswordLink? link, DateTimeOffset now) => link?.StateAt(now) switch
    {
        null => AccountTexts.SetPassword_LinkUnknown,
        PasswordLinkState.Used => AccountTexts.SetPassword_LinkUsed,
        PasswordLinkState.Expired => AccountTexts.SetPassword_LinkExpired,
        _ => null,
    };

    /// <summary>The password against Identity's rules (in Norwegian, <see cref="NorwegianIdentityErrors"/>), and typed twice alike.</summary>
    private static async Task<FieldErrors> CheckAsync(KtuUserManager users, AppUser user, string? password, string? repeated)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("Password", AccountTexts.SetPassword_PasswordRequired);
            return errors;
        }
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var error in result.Errors)
            {
                errors.Add("Password", error.Description);
            }
        }
        if (!string.Equals(password, repeated, StringComparison.Ordinal))
        {
            errors.Add("Repeated", AccountTexts.SetPassword_NotTheSame);
        }
        return errors;
    }
}
