using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Account;

/// <summary>
/// Demo accounts. Only loaded when Demo:Enabled is true (./run.sh turns it on); production configuration never has it.
/// All demo users share one password. (The open demo year is the Schemes feature's seed.) With demo mode off, every demo
/// account that can still sign in is shut (<see cref="QuarantineAsync"/>); production mode refuses to start while one can.
/// </summary>
internal sealed class DemoData(IConfiguration configuration) : IDataSeed
{
    private const string Domain = DemoAccounts.EmailDomain;
    /// <summary>Trondheim, the municipality of the demo's first applicant.</summary>
    public const string ApplicationAdminMunicipality = "5001";

    public static string Password(IConfiguration configuration) => DemoAccounts.Password(configuration["KTU_DEMO_PASSWORD"]);

    public async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        // The roles are the product's, not the demo's: without them a production database could not invite anyone.
        await SeedRolesAsync(db, ct);
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            await QuarantineAsync(db, ct);
            return;
        }
        await SeedUsersAsync(db, Password(configuration), ct);
    }

    private static async Task SeedRolesAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedUsersAsync(AppDbContext db, string password, CancellationToken ct)
    {
        var hasher = new PasswordHasher<AppUser>();
        // One hash for all demo users: hashing 399 passwords one by one would take many seconds at every fresh start.
        var hash = hasher.HashPassword(new AppUser(), password);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var existing = await db.Users.Where(u => u.Email!.EndsWith("@" + Domain)).ToDictionaryAsync(u => u.Email!, ct);

        var wanted = new List<(string Email, string FullName, string Role, int? OrgId, string? EmbeteId, string? AlsoRole)>();
        var municipalities = await db.Organisations
            .Where(o => o.Kind == OrganisationKind.Municipality)
            .OrderBy(o => o.MunicipalityNumber)
            .Select(o => new { o.Id, o.MunicipalityNumber, o.Name })
            .ToListAsync(ct);
        foreach (var m in municipalities)
        {
            wanted.Add(($"soker.{m.MunicipalityNumber}@{Domain}", $"Søker i {m.Name} kommune", Roles.Applicant, m.Id, null, null));
        }
        // One application administrator (Altinn's "tilgangsstyrer"), for Trondheim: grants and revokes the colleagues' access.
        // An applicant too, so the account also sees and writes the organisation's applications.
        var trondheim = municipalities.SingleOrDefault(m => m.MunicipalityNumber == ApplicationAdminMunicipality);
        if (trondheim is not null)
        {
            wanted.Add(($"tilgangsstyrer.{trondheim.MunicipalityNumber}@{Domain}", $"Tilgangsstyrer i {trondheim.Name} kommune", Roles.Applicant, trondheim.Id, null, Roles.ApplicationAdmin));
        }
        var embeter = await db.Embeter.OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var e in embeter)
        {
            wanted.Add(($"saksbehandler.{e.Id}@{Domain}", $"Saksbehandler hos {e.NameBokmal}", Roles.CaseOfficer, null, e.Id, null));
            // Two of each, so a case can be handed on after a declared conflict and two approvers can race.
            wanted.Add(($"saksbehandler2.{e.Id}@{Domain}", $"Saksbehandler 2 hos {e.NameBokmal}", Roles.CaseOfficer, null, e.Id, null));
            wanted.Add(($"leder.{e.Id}@{Domain}", $"Leder hos {e.NameBokmal}", Roles.Approver, null, e.Id, null));
            wanted.Add(($"leder2.{e.Id}@{Domain}", $"Leder 2 hos {e.NameBokmal}", Roles.Approver, null, e.Id, null));
        }
        wanted.Add(($"direktorat@{Domain}", "Rådgiver i Helsedirektoratet", Roles.Directorate, null, null, null));
        wanted.Add(($"admin@{Domain}", "Administrator", Roles.Admin, null, null, null));

        // Demo users share one hash, so each distinct stored hash is checked once: verifying all 399
        // one by one (PBKDF2) made every restart with demo data some 25 seconds slower.
        var matchesPassword = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var w in wanted)
        {
            if (existing.TryGetValue(w.Email, out var user))
            {
                var stored = user.PasswordHash ?? "";
                if (!matchesPassword.TryGetValue(stored, out var matches))
                {
                    matches = hasher.VerifyHashedPassword(user, stored, password) != PasswordVerificationResult.Failed;
                    matchesPassword[stored] = matches;
                }
                // Keep the demo password in step with KTU_DEMO_PASSWORD.
                if (!matches)
                {
                    user.PasswordHash = hash;
                    user.SecurityStamp = Guid.NewGuid().ToString("N");
                }
                // Demo mode was off and is on again: open the account (a lock-out from wrong passwords is left to run out).
                if (user.LockoutEnd >= DemoAccounts.QuarantinedUntil)
                {
                    user.LockoutEnd = null;
                }
                continue;
            }
            user = new AppUser
            {
                UserName = w.Email,
                NormalizedUserName = w.Email.ToUpperInvariant(),
                Email = w.Email,
                NormalizedEmail = w.Email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                FullName = w.FullName,
                OrganisationId = w.OrgId,
                EmbeteId = w.EmbeteId,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[w.Role] });
            if (w.AlsoRole is not null)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[w.AlsoRole] });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Demo mode off: every demo account that can still sign in loses its password (so the published one opens nothing), is
    /// locked until <see cref="DemoAccounts.QuarantinedUntil"/>, and gets a new security stamp, so its cookies and tokens stop at
    /// once. The rows stay: applications, decisions and the audit trail refer to them, and deleting would break the chain.
    /// </summary>
    private static async Task QuarantineAsync(AppDbContext db, CancellationToken ct)
    {
        var open = await db.Users
            .Where(u => u.Email!.EndsWith("@" + Domain) && (u.PasswordHash != null || u.LockoutEnd == null || u.LockoutEnd < DemoAccounts.QuarantinedUntil))
            .ToListAsync(ct);
        foreach (var user in open)
        {
            user.PasswordHash = null;
            user.LockoutEnabled = true;
            user.LockoutEnd = DemoAccounts.QuarantinedUntil;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        await db.SaveChangesAsync(ct);
    }
}
