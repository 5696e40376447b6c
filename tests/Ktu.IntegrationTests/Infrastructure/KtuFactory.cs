using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over HTTP on a real database: a fresh SQLite file per factory, or, when
/// KTU_TEST_POSTGRES holds a connection string to a server, a fresh PostgreSQL database
/// (./test.sh runs the suite a second time that way). Demo data is on; the clock is fake.
/// </summary>
public sealed class KtuFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Demo-2025!";

    /// <summary>Fixed "now" for tests: 23 November 2026, so the open demo year is 2027.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly string _id = Guid.NewGuid().ToString("N")[..12];
    private readonly string? _postgresServer = Environment.GetEnvironmentVariable("KTU_TEST_POSTGRES");
    private string? _sqlitePath;

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>On PostgreSQL, where this factory's audit anchors are kept (its key beside it, + ".key").</summary>
    public string PostgresAnchorFile =>
        Path.Combine(Path.GetTempPath(), "ktu-tests", $"audit-{new NpgsqlConnectionStringBuilder(ConnectionString).Database}.anchors");

    public static bool OnPostgres => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KTU_TEST_POSTGRES"));

    public DatabaseProvider Provider => _postgresServer is { Length: > 0 } ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Connection string of this factory's own database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Extra settings a test class wants (set before the first client is created).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>
    /// Extra service registrations for a test class (set before the first client is created); they run
    /// after the app's own, so they can replace services or add an <c>IStartupFilter</c>.
    /// </summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>The host environment: Testing unless a test wants production mode's checks ("Production").</summary>
    public string EnvironmentName { get; set; } = "Testing";

    public KtuFactory()
        : this(Path.Combine(Path.GetTempPath(), "ktu-tests"))
    {
    }

    /// <summary>A factory whose SQLite file is in <paramref name="sqliteFolder"/> (production mode refuses a temporary path).</summary>
    internal KtuFactory(string sqliteFolder)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var b = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = $"ktu_test_{_id}" };
            ConnectionString = b.ConnectionString;
        }
        else
        {
            Directory.CreateDirectory(sqliteFolder);
            _sqlitePath = Path.Combine(sqliteFolder, $"ktu-{_id}.db");
            ConnectionString = $"Data Source={_sqlitePath}";
        }
    }

    /// <summary>A second factory on this one's database, to act as a second app instance.</summary>
    public static KtuFactory SharingDatabaseWith(KtuFactory other)
    {
        var f = new KtuFactory();
        f.ConnectionString = other.ConnectionString;
        f._sqlitePath = null;
        f._ownsDatabase = false;
        return f;
    }

    private bool _ownsDatabase = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Security:LoginAttemptsPerMinute", "100000");
        builder.UseSetting("Security:DocumentDownloadsPerMinute", "100000");
        builder.UseSetting("Security:SubmitsPerHour", "100000");
        builder.UseSetting("Security:ReceiptEmailsPerAddressPerHour", "100000");
        builder.UseSetting("Security:FailedLoginsPerAddressPerHour", "100000");
        // Background reminders would queue e-mails at random moments; tests run the job themselves.
        builder.UseSetting("Reminders:Enabled", "false");
        // Likewise scheduled backups (Backup/ScheduledBackupTests turns them on).
        builder.UseSetting("Backup:IntervalMinutes", "0");
        if (Provider == DatabaseProvider.Postgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
            // The audit trail's anchors outside the database, one file per test database (shared by factories sharing it).
            builder.UseSetting("Audit:AnchorFile", PostgresAnchorFile);
        }
        else
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Sqlite", ConnectionString);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>A client that behaves like a browser: https (secure cookies), cookies kept, redirects not followed.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>
    /// A browser client signed in with the auth cookie, through the log-in page's form (with its
    /// antiforgery token), as a person would.
    /// </summary>
    public async Task<HttpClient> CreateSignedInBrowserClientAsync(string email, string password = DemoPassword)
    {
        var client = CreateBrowserClient();
        using var response = await client.SubmitFormAsync("/logg-inn", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
        });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Log-in as {email} through /logg-inn gave {(int)response.StatusCode}, not a redirect.");
        }
        return client;
    }

    /// <summary>A client signed in to the API with a bearer token for the given demo user.</summary>
    public async Task<HttpClient> CreateApiClientAsync(string email, string password = DemoPassword)
    {
        var client = CreateBrowserClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = doc.RootElement.GetProperty("accessToken").GetString();
        var api = CreateBrowserClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    /// <summary>A scope on the app's services, for arranging and checking data directly in the database.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsDatabase)
        {
            return;
        }
        if (Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_postgresServer);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"ktu_test_{_id}\" WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
            File.Delete(PostgresAnchorFile);
            File.Delete(PostgresAnchorFile + ".key");
        }
        else if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".audit-anchors", ".audit-anchors.key" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }
    }
}
