using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Web;

/// <summary>
/// Production mode (the Production environment) starts the real app with each unsafe configuration and sees it refuse with
/// the reason; a demo host (./run.sh's settings) and a sound production configuration start. The SQLite files live under the
/// test's own folder, not /tmp, which production mode refuses.
/// </summary>
public sealed class ProductionModeTests : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "production-mode-db");
    private readonly string _auditKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<KtuFactory> _factories = [];
    private readonly string _certificate = TestCertificate.WritePfx(Path.Combine(Folder, $"{Guid.NewGuid():N}.pfx"));

    [Fact]
    public void Demo_mode_without_the_demo_host_allowance_refuses_to_start()
    {
        var app = Production();
        app.Settings["Demo:Enabled"] = "true";

        var refusal = RefusalOf(app);
        Assert.Contains("Demo mode is on (Demo__Enabled=true) in production", refusal, StringComparison.Ordinal);
        Assert.Contains("Demo__AllowInProduction=true", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_audit_key_refuses_to_start()
    {
        var app = Production();
        app.Settings["Audit:Key"] = "";

        Assert.Contains("The audit trail has no key of its own: set Audit__Key", RefusalOf(app), StringComparison.Ordinal);
    }

    [Fact]
    public void Data_protection_keys_without_a_certificate_refuse_to_start()
    {
        var app = Production();
        app.Settings["DataProtection:CertificatePath"] = "";

        Assert.Contains("The data-protection keys (which sign cookies and tokens) would be stored unencrypted", RefusalOf(app), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sqlite_file_under_tmp_refuses_to_start()
    {
        if (KtuFactory.OnPostgres)
        {
            return; // a PostgreSQL database has no file
        }
        var app = Track(new KtuFactory(Path.Combine(Path.GetTempPath(), "ktu-tests")) { EnvironmentName = "Production" });
        app.Settings["Demo:Enabled"] = "false";
        app.Settings["Audit:Key"] = _auditKey;
        WithCertificate(app);

        Assert.Contains($"The SQLite database is on a temporary path ({Path.GetTempPath()}", RefusalOf(app), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tmp/ktu.db", true)]
    [InlineData("/var/tmp/data/ktu.db", true)]
    [InlineData("/dev/shm/ktu.db", true)]
    [InlineData(":memory:", true)]
    [InlineData("/var/lib/ktu/ktu.db", false)]
    [InlineData("/tmpdata/ktu.db", false)]
    public void Temporary_paths_are_told_from_lasting_ones(string dataSource, bool temporary)
    {
        Assert.Equal(temporary, ProductionMode.TemporaryPath($"Data Source={dataSource}") is not null);
    }

    [Fact]
    public async Task Pending_migrations_refuse_to_start_and_change_nothing()
    {
        var app = Production();

        var refusal = RefusalOf(app);
        Assert.Contains("The database lacks", refusal, StringComparison.Ordinal);
        Assert.Contains("Apply them with the migrate command", refusal, StringComparison.Ordinal);

        // Nothing was migrated behind the operator's back: a development start on the same database still finds all pending.
        var development = Development(app);
        development.Settings["Database:MigrateAtStart"] = "false";
        await using var scope = development.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Turning_demo_mode_off_shuts_every_demo_account_and_then_production_starts()
    {
        // ./run.sh: the Production environment as a demo host; the demo users sign in.
        var demoHost = Production();
        demoHost.Settings["Demo:Enabled"] = "true";
        demoHost.Settings["Demo:AllowInProduction"] = "true";
        var adminBefore = await demoHost.CreateApiClientAsync("admin@demo.ktu");
        using (var me = await adminBefore.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        // Demo mode off in production while the demo accounts can sign in: refused, and they still can.
        var refusal = RefusalOf(Production(sharing: demoHost));
        Assert.Contains("demo accounts (@demo.ktu) can still sign in. Run the migrate command", refusal, StringComparison.Ordinal);

        // Demo mode off where the app migrates and seeds (the migrate command runs the same seeds): every demo account is shut.
        var demoOff = Development(demoHost);
        demoOff.Settings["Demo:Enabled"] = "false";
        await using (var scope = demoOff.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var demoUsers = await db.Users.Where(u => u.Email!.EndsWith("@demo.ktu")).ToListAsync();
            Assert.Equal(357 + 4 * 10 + 2 + 1, demoUsers.Count);
            Assert.All(demoUsers, u =>
            {
                Assert.Null(u.PasswordHash);
                Assert.Equal(DemoAccounts.QuarantinedUntil, u.LockoutEnd);
            });
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(demoOff, "admin@demo.ktu"));
        // The token issued before is refused at once (new security stamp, locked).
        var oldToken = demoOff.CreateBrowserClient();
        oldToken.DefaultRequestHeaders.Authorization = adminBefore.DefaultRequestHeaders.Authorization;
        using (var me = await oldToken.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        // Now production starts, and the published password opens nothing.
        var production = Production(sharing: demoHost);
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(production, "admin@demo.ktu"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(production, "soker.5001@demo.ktu"));

        // Turned on again (a demo host once more), the demo accounts open again.
        var demoAgain = Development(demoHost);
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(demoAgain, "admin@demo.ktu"));
    }

    [Fact]
    public async Task A_staff_account_with_the_demo_password_refuses_to_start_until_it_has_another()
    {
        var setup = Development(null);
        setup.Settings["Demo:Enabled"] = "false";
        await using (var scope = setup.CreateScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            if (!await db.Roles.AnyAsync(r => r.Name == Roles.Approver))
            {
                db.Roles.Add(new IdentityRole(Roles.Approver) { NormalizedName = Roles.Approver.ToUpperInvariant() });
                await db.SaveChangesAsync();
            }
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var approver = new AppUser { UserName = "godkjenner@eksempel.test", Email = "godkjenner@eksempel.test", FullName = "Godkjenner", EmbeteId = "trondelag" };
            Assert.True((await users.CreateAsync(approver, KtuFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(approver, Roles.Approver)).Succeeded);
        }

        var refusal = RefusalOf(Production(sharing: setup));
        Assert.Contains("These accounts have the demo password: godkjenner@eksempel.test.", refusal, StringComparison.Ordinal);

        await using (var scope = setup.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var approver = await users.FindByEmailAsync("godkjenner@eksempel.test");
            Assert.True((await users.ChangePasswordAsync(approver!, KtuFactory.DemoPassword, "Eget-passord-42!")).Succeeded);
        }
        var production = Production(sharing: setup);
        using var health = await production.CreateBrowserClient().GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(production, "godkjenner@eksempel.test", "Eget-passord-42!"));
    }

    /// <summary>The settings docs/operations.md gives production: demo off, the audit trail's own key, the key ring's certificate, a lasting database path.</summary>
    private KtuFactory Production(KtuFactory? sharing = null)
    {
        var app = Track(sharing is null ? new KtuFactory(Folder) : KtuFactory.SharingDatabaseWith(sharing));
        app.EnvironmentName = "Production";
        app.Settings["Demo:Enabled"] = "false";
        app.Settings["Audit:Key"] = _auditKey;
        return WithCertificate(app);
    }

    /// <summary>An app outside production mode (migrates and seeds at start), on its own database or another's.</summary>
    private KtuFactory Development(KtuFactory? sharing)
    {
        var app = Track(sharing is null ? new KtuFactory(Folder) : KtuFactory.SharingDatabaseWith(sharing));
        app.Settings["Audit:Key"] = _auditKey;
        return WithCertificate(app);
    }

    /// <summary>All instances on one database share the key ring, so they share its certificate.</summary>
    private KtuFactory WithCertificate(KtuFactory app)
    {
        app.Settings["DataProtection:CertificatePath"] = _certificate;
        app.Settings["DataProtection:CertificatePassword"] = TestCertificate.Password;
        return app;
    }

    private KtuFactory Track(KtuFactory factory)
    {
        _factories.Add(factory);
        return factory;
    }

    /// <summary>The reason the app gave for not starting; fails the test if it started.</summary>
    private static string RefusalOf(KtuFactory app)
    {
        var thrown = Record.Exception(() => app.Services);
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            if (e is StartRefusedException refused)
            {
                return refused.Message;
            }
        }
        Assert.Fail(thrown is null ? "The app started." : "The app failed for another reason: " + thrown);
        return "";
    }

    private static async Task<HttpStatusCode> LogInAsync(KtuFactory app, string email, string password = KtuFactory.DemoPassword)
    {
        using var response = await app.CreateBrowserClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        return response.StatusCode;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Those sharing a database first, its owner last (it deletes the database).
        foreach (var factory in Enumerable.Reverse(_factories))
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
        File.Delete(_certificate);
    }
}
