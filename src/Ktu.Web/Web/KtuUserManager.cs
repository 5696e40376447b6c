using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ktu.Web.Web;

/// <summary>
/// The user manager, with every change to what an account may do renewing its security stamp, so the account's
/// cookies and tokens stop at once (<see cref="SessionsEndAtOnce"/>): Identity renews it for a changed password but not
/// for changed roles or a lock. Whatever page or API changes roles or locks an account goes through here.
/// </summary>
public sealed class KtuUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AppUser> hasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(AppUser user, string role) =>
        await RenewedAsync(await base.AddToRoleAsync(user, role), user);

    public override async Task<IdentityResult> AddToRolesAsync(AppUser user, IEnumerable<string> roles) =>
        await RenewedAsync(await base.AddToRolesAsync(user, roles), user);

    public override async Task<IdentityResult> RemoveFromRoleAsync(AppUser user, string role) =>
        await RenewedAsync(await base.RemoveFromRoleAsync(user, role), user);

    public override async Task<IdentityResult> RemoveFromRolesAsync(AppUser user, IEnumerable<string> roles) =>
        await RenewedAsync(await base.RemoveFromRolesAsync(user, roles), user);

    public override async Task<IdentityResult> SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd) =>
        await RenewedAsync(await base.SetLockoutEndDateAsync(user, lockoutEnd), user);

    /// <summary>
    /// Sets a new password, checked against the password rules, whether or not the account had one, and saves the account
    /// (with a new security stamp, so its other sessions end). Nothing is saved when the password is refused.
    /// </summary>
    public async Task<IdentityResult> SetPasswordAsync(AppUser user, string password)
    {
        var result = await UpdatePasswordHash(user, password, validatePassword: true);
        return result.Succeeded ? await UpdateUserAsync(user) : result;
    }

    /// <summary>After a successful change, a new stamp (stored at once); the change's own result is what the caller sees.</summary>
    private async Task<IdentityResult> RenewedAsync(IdentityResult result, AppUser user)
    {
        if (result.Succeeded)
        {
            await UpdateSecurityStampAsync(user);
        }
        return result;
    }
}
