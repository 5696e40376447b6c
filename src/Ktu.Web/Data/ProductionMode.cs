using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Production mode is the Production environment, which is also ASP.NET Core's default when ASPNETCORE_ENVIRONMENT is not
/// set, so an operator who configures nothing gets the checks. In it the app refuses to start (the reasons in the log,
/// a non-zero exit) rather than run with demo accounts, the published demo password, a missing key or a database that
/// the next reboot deletes. A demo host (<c>Demo:Enabled</c> and <c>Demo:AllowInProduction</c>, which ./run.sh sets) is
/// exempt: its data and keys are the demo's, open to anyone who reads the README.
/// </summary>
public static class ProductionMode
{
    /// <summary>Folders whose content the system may delete (reboot, tmpfs, tmpreaper): no place for the only copy of the data.</summary>
    private static readonly string[] TemporaryFolders = ["/tmp", "/var/tmp", "/dev/shm", "/run"];

    public static bool IsDemoHost(IConfiguration configuration) =>
        configuration.GetValue("Demo:Enabled", false) && configuration.GetValue("Demo:AllowInProduction", false);

    /// <summary>Whether the production checks apply: the Production environment and not a demo host.</summary>
    public static bool Applies(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsProduction() && !IsDemoHost(configuration);

    /// <summary>What is wrong with the settings alone, before the database is opened; empty when nothing is.</summary>
    public static List<string> ConfigurationProblems(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (configuration.GetValue("Demo:Enabled", false) && !configuration.GetValue("Demo:AllowInProduction", false))
        {
            problems.Add("Demo mode is on (Demo__Enabled=true) in production. Turn it off, or set Demo__AllowInProduction=true "
                + "on a host that only ever serves the demo (its users share a published password).");
        }
        if (configuration["Audit:Key"] is not { Length: > 0 } && configuration["Audit:KeyFile"] is not { Length: > 0 })
        {
            problems.Add("The audit trail has no key of its own: set Audit__Key (base64, at least 32 bytes, e.g. from "
                + "'openssl rand -base64 32', the same on every instance) or Audit__KeyFile. Without one a key file is made beside "
                + "the anchors, where a copy of the data folder takes it along.");
        }
        if (configuration["DataProtection:CertificatePath"] is not { Length: > 0 })
        {
            problems.Add("The data-protection keys (which sign cookies and tokens) would be stored unencrypted in the database: set "
                + "DataProtection__CertificatePath to a .pfx certificate with its private key and DataProtection__CertificatePassword, "
                + "the same on every instance, so a copy of the database or a backup cannot mint log-ins.");
        }
        if (DataSetup.ProviderFrom(configuration) == DatabaseProvider.Sqlite
            && TemporaryPath(configuration.GetConnectionString("Sqlite") ?? DataSetup.DefaultSqlite) is { } path)
        {
            problems.Add($"The SQLite database is on a temporary path ({path}), which the system may empty at any time. "
                + "Set ConnectionStrings__Sqlite to a file on a lasting disk, e.g. Data Source=/var/lib/ktu/ktu.db.");
        }
        return problems;
    }

    /// <summary>The SQLite data source if it is in memory or under a temporary folder, else null.</summary>
    public static string? TemporaryPath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return builder.DataSource is "" ? "(empty)" : builder.DataSource;
        }
        var full = Path.GetFullPath(builder.DataSource);
        var temporary = TemporaryFolders.Append(Path.GetTempPath())
            .Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)) + Path.DirectorySeparatorChar);
        return temporary.Any(f => full.StartsWith(f, StringComparison.Ordinal)) ? full : null;
    }

    /// <summary>
    /// What is wrong with the data, once the migrations are applied: demo accounts that can still sign in (the migrate command
    /// with demo mode off shuts them), and staff accounts whose password is the demo password. Only staff are checked (officers,
    /// approvers, the directorate, administrators): each check costs a full password hash, and they hold the case handling.
    /// </summary>
    public static async Task<List<string>> DataProblemsAsync(AppDbContext db, IPasswordHasher<AppUser> hasher, IConfiguration configuration, CancellationToken ct)
    {
        var problems = new List<string>();
        var demoSuffix = "@" + DemoAccounts.EmailDomain.ToUpperInvariant();
        var openDemo = await db.Users.CountAsync(u => u.NormalizedEmail!.EndsWith(demoSuffix) && u.PasswordHash != null, ct);
        if (openDemo > 0)
        {
            problems.Add($"{openDemo} demo accounts (@{DemoAccounts.EmailDomain}) can still sign in. Run the migrate command with "
                + "Demo__Enabled=false (./run.sh migrate, or 'dotnet Ktu.Web.dll migrate'): it shuts every demo account.");
        }
        var staffRoles = new[] { Roles.CaseOfficer, Roles.Approver, Roles.Directorate, Roles.Admin };
        var staff = await (
            from u in db.Users
            where u.PasswordHash != null && !u.NormalizedEmail!.EndsWith(demoSuffix)
            where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!)))
            select u).AsNoTracking().ToListAsync(ct);
        var passwords = new[] { DemoAccounts.DefaultPassword, DemoAccounts.Password(configuration["KTU_DEMO_PASSWORD"]) }.Distinct().ToList();
        var withDemoPassword = staff
            .Where(u => passwords.Any(p => hasher.VerifyHashedPassword(u, u.PasswordHash!, p) != PasswordVerificationResult.Failed))
            .Select(u => u.Email)
            .ToList();
        if (withDemoPassword.Count > 0)
        {
            problems.Add($"These accounts have the demo password: {string.Join(", ", withDemoPassword)}. Give them another password "
                + "(or lock them) before starting in production.");
        }
        return problems;
    }

    /// <summary>
    /// Logs why the app will not start, in one entry, and gives the <see cref="StartRefusedException"/> to throw: it ends Main, and
    /// the runtime writes its message to stderr too (in case the log had no time to) and exits non-zero.
    /// </summary>
    public static StartRefusedException Refuse(ILogger logger, IReadOnlyList<string> problems)
    {
        var message = "KTU refuses to start in production mode:\n- " + string.Join("\n- ", problems)
            + "\n(docs/operations.md lists every setting.)";
        logger.LogCritical("{Refusal}", message);
        return new StartRefusedException(message);
    }
}

/// <summary>Production mode found the settings or the data unsafe; the message says what to change. The process exits non-zero.</summary>
public sealed class StartRefusedException(string message) : Exception(message);
