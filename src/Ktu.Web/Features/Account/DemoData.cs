using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Features.Schemes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Account;

/// <summary>
/// Demo accounts and an open demo year. Only loaded when Demo:Enabled is true (./run.sh turns it
/// on); production configuration never has it. All demo users share one password.
/// </summary>
internal static class DemoData
{
    public const string DefaultPassword = "Demo-2025!";
    public const string Domain = "demo.ktu";

    public static string Password(IConfiguration configuration) =>
        configuration["KTU_DEMO_PASSWORD"] is { Length: > 0 } p ? p : DefaultPassword;

    public static async Task SeedAsync(AppDbContext db, TimeProvider time, IConfiguration configuration, CancellationToken ct = default)
    {
        await SeedOpenYearAsync(db, time, ct);
        await SeedRolesAsync(db, ct);
        await SeedUsersAsync(db, Password(configuration), ct);
    }

    /// <summary>The year after "now", with the national deadline on 17 March, so the demo applicant can apply today.</summary>
    internal static int OpenYear(TimeProvider time) => time.GetUtcNow().Year + 1;

    private static async Task SeedOpenYearAsync(AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var year = OpenYear(time);
        if (await db.SchemeYears.AnyAsync(s => s.Year == year, ct))
        {
            return;
        }
        var source = await db.SchemeYears
            .Include(s => s.EducationTypes).Include(s => s.Themes).Include(s => s.ApplicantRules)
            .Include(s => s.Pots).ThenInclude(p => p.Earmarks)
            .AsNoTracking().SingleAsync(s => s.Year == 2025, ct);
        var open = CopySchemeYear.From(source, year,
            NorwayTime.EndOfDay(new DateOnly(year, 3, 17)),
            new DateOnly(year + 1, 3, 1));
        open.Pots = await DemoPotsAsync(db, source.NationalAmount ?? 369_900_000, 5_000_000, ct);
        db.SchemeYears.Add(open);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Demo only: the national amount split by population, rounded down to whole thousands. The real
    /// split comes from Helsedirektoratet's letter and is entered per embete.
    /// </summary>
    private static async Task<List<Pot>> DemoPotsAsync(AppDbContext db, long national, long earmarked, CancellationToken ct)
    {
        var populations = await db.Organisations
            .Where(o => o.Kind == OrganisationKind.Municipality)
            .GroupBy(o => o.EmbeteId)
            .Select(g => new { EmbeteId = g.Key, Population = g.Sum(o => (long)(o.Population ?? 0)) })
            .ToListAsync(ct);
        var total = populations.Sum(p => p.Population);
        return populations.OrderBy(p => p.EmbeteId, StringComparer.Ordinal).Select(p => new Pot
        {
            EmbeteId = p.EmbeteId,
            Amount = national * p.Population / total / 1000 * 1000,
            Earmarks = [new Earmark { ThemeCode = "avlastning", Amount = earmarked * p.Population / total / 1000 * 1000 }],
        }).ToList();
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

        var wanted = new List<(string Email, string FullName, string Role, int? OrgId, string? EmbeteId)>();
        var municipalities = await db.Organisations
            .Where(o => o.Kind == OrganisationKind.Municipality)
            .OrderBy(o => o.MunicipalityNumber)
            .Select(o => new { o.Id, o.MunicipalityNumber, o.Name })
            .ToListAsync(ct);
        foreach (var m in municipalities)
        {
            wanted.Add(($"soker.{m.MunicipalityNumber}@{Domain}", $"Søker i {m.Name} kommune", Roles.Applicant, m.Id, null));
        }
        var embeter = await db.Embeter.OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var e in embeter)
        {
            wanted.Add(($"saksbehandler.{e.Id}@{Domain}", $"Saksbehandler hos {e.NameBokmal}", Roles.CaseOfficer, null, e.Id));
            // Two of each, so a case can be handed on after a declared conflict and two approvers can race.
            wanted.Add(($"saksbehandler2.{e.Id}@{Domain}", $"Saksbehandler 2 hos {e.NameBokmal}", Roles.CaseOfficer, null, e.Id));
            wanted.Add(($"leder.{e.Id}@{Domain}", $"Leder hos {e.NameBokmal}", Roles.Approver, null, e.Id));
            wanted.Add(($"leder2.{e.Id}@{Domain}", $"Leder 2 hos {e.NameBokmal}", Roles.Approver, null, e.Id));
        }
        wanted.Add(($"direktorat@{Domain}", "Rådgiver i Helsedirektoratet", Roles.Directorate, null, null));
        wanted.Add(($"admin@{Domain}", "Administrator", Roles.Admin, null, null));

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
        }
        await db.SaveChangesAsync(ct);
    }
}
