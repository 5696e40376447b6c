using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using netDumbster.smtp;
using Npgsql;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Web;

/// <summary>
/// Two app processes (the real <c>Program</c>, <c>dotnet Ktu.Web.dll</c>) on one fresh PostgreSQL database, set up as
/// docs/operations.md says: the migrate command first, then both instances with the same settings on ports of their own,
/// both sending e-mail to one SMTP server. Only on PostgreSQL (./test.sh's second run): SQLite cannot be shared.
/// The demo data (demo host mode) gives users and an open year; everything else is made through the API.
/// </summary>
public sealed class TwoProcesses : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ktu-tests", "two-processes-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<AppProcess> _processes = [];
    private string? _server;

    public string Database { get; } = "ktu_two_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = "";

    public SimpleSmtpServer Smtp { get; private set; } = null!;

    public AppProcess First => _processes[0];

    public AppProcess Second => _processes[1];

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>The output of both processes, for a failure message.</summary>
    public string Output => string.Join("\n", _processes.Select(p => p.Output));

    public async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable("KTU_TEST_POSTGRES");
        if (string.IsNullOrEmpty(_server))
        {
            return;
        }
        await using (var conn = new NpgsqlConnection(_server))
        {
            await conn.OpenAsync();
            await using var create = conn.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{Database}\"";
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Database }.ConnectionString;
        Smtp = SimpleSmtpServer.Start(Outbox.SmtpTesting.ClosedPort());
        Directory.CreateDirectory(_folder);
        var environment = Settings(Smtp.Configuration.Port);

        var (exit, output) = await AppProcess.RunCommandAsync(environment, "migrate");
        Assert.True(exit == 0, $"The migrate command ended with {exit}:\n{output}");

        _processes.Add(AppProcess.StartServer("instance 1", environment));
        _processes.Add(AppProcess.StartServer("instance 2", environment));
        await Task.WhenAll(_processes.Select(p => p.WaitReadyAsync(Http, TimeSpan.FromMinutes(5))));
    }

    /// <summary>One configuration for every instance, by environment variables only.</summary>
    private Dictionary<string, string> Settings(int smtpPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        // A demo host: demo users with the demo password and the open demo year, so the test needs no invitations.
        ["Demo__Enabled"] = "true",
        ["Demo__AllowInProduction"] = "true",
        ["KTU_DEMO_PASSWORD"] = KtuFactory.DemoPassword,
        ["Security__AllowHttp"] = "true",
        ["Security__LoginAttemptsPerMinute"] = "100000",
        ["Security__SubmitsPerHour"] = "100000",
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Postgres"] = ConnectionString,
        // Migrations ran once, before the instances started, as in production.
        ["Database__MigrateAtStart"] = "false",
        ["Audit__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Audit__AnchorFile"] = Path.Combine(_folder, "audit-anchors.log"),
        ["DataProtection__CertificatePath"] = TestCertificate.WritePfx(Path.Combine(_folder, "dataprotection.pfx")),
        ["DataProtection__CertificatePassword"] = TestCertificate.Password,
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Smtp__From"] = Outbox.SmtpTesting.From,
        ["Smtp__PollSeconds"] = "1",
        ["Backup__IntervalMinutes"] = "0",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>A bearer-token client for one instance.</summary>
    public async Task<HttpClient> SignInAsync(AppProcess instance, string email)
    {
        using var login = await Http.PostAsJsonAsync(new Uri(instance.Url + "/api/v1/auth/login"), new { email, password = KtuFactory.DemoPassword });
        Assert.True(login.IsSuccessStatusCode, $"log-in as {email} on {instance.Name}: {(int)login.StatusCode}\n{Output}");
        using var doc = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return OnInstance(instance, doc.RootElement.GetProperty("accessToken").GetString()!);
    }

    /// <summary>A client for <paramref name="instance"/> that sends <paramref name="token"/>.</summary>
    public static HttpClient OnInstance(AppProcess instance, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(instance.Url), Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>One number from the shared database.</summary>
    public async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Changes rows in the shared database directly (what no page allows, such as a deadline in the past); returns the count.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] values)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        Http.Dispose();
        Smtp?.Dispose();
        if (string.IsNullOrEmpty(_server))
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using (var conn = new NpgsqlConnection(_server))
        {
            await conn.OpenAsync();
            await using var drop = conn.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

public sealed class TwoProcessesTests(TwoProcesses apps) : IClassFixture<TwoProcesses>
{
    [Fact]
    public async Task An_application_saved_on_one_instance_is_read_on_the_other_with_the_same_token()
    {
        if (!KtuFactory.OnPostgres)
        {
            return; // SQLite is one file for one instance; MultipleInstancesTests covers two in-process instances on it
        }
        var first = await apps.SignInAsync(apps.First, "soker.5001@demo.ktu");
        var second = TwoProcesses.OnInstance(apps.Second, first.DefaultRequestHeaders.Authorization!.Parameter!);

        var draft = Complete(await StartAsync(first));
        draft["description"] = "Lagret på instans 1";
        var saved = await SaveAsync(first, draft);

        var read = await GetAsync(second, Id(saved));
        Assert.Equal("Lagret på instans 1", read["description"]!.GetValue<string>());
        Assert.Equal(Version(saved), Version(read));

        // And back: a save on the second with the version read there, then a stale save on the first is refused.
        read["description"] = "Endret på instans 2";
        var changed = await SaveAsync(second, read);
        using var stale = await PutAsync(first, saved);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Endret på instans 2", (await GetAsync(first, Id(saved)))["description"]!.GetValue<string>());
        Assert.Equal(Version(changed), Version(await GetAsync(first, Id(saved))));
    }

    [Fact]
    public async Task Two_submits_of_one_application_at_once_on_both_instances_give_one_receipt()
    {
        if (!KtuFactory.OnPostgres)
        {
            return;
        }
        var first = await apps.SignInAsync(apps.First, "soker.5006@demo.ktu");
        var second = TwoProcesses.OnInstance(apps.Second, first.DefaultRequestHeaders.Authorization!.Parameter!);
        var saved = await SaveAsync(first, Complete(await StartAsync(first)));
        var id = Id(saved);

        var both = await Task.WhenAll(SubmitAsync(first, id, Version(saved)), SubmitAsync(second, id, Version(saved)));

        foreach (var response in both)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{apps.Output}");
        }
        var receipts = await Task.WhenAll(both.Select(ReadAsync));
        Assert.Equal(receipts[0]["reference"]!.GetValue<string>(), receipts[1]["reference"]!.GetValue<string>());
        Assert.Equal(receipts[0]["sha256"]!.GetValue<string>(), receipts[1]["sha256"]!.GetValue<string>());
        Assert.Equal(1, await apps.CountAsync("""SELECT count(*) FROM "ApplicationSubmissions" WHERE "ApplicationId" = $1""", Guid.Parse(id)));
        Assert.Equal(1, await apps.CountAsync("""SELECT count(*) FROM "AuditEntries" WHERE "Action" = 'application.submitted' AND "EntityId" = $1""", id));
    }

    [Fact]
    public async Task An_allocation_approved_at_once_on_both_instances_is_approved_once()
    {
        if (!KtuFactory.OnPostgres)
        {
            return;
        }
        // Two Agder municipalities apply and are assessed; the case officer sends the allocation for approval.
        var officer = await apps.SignInAsync(apps.First, "saksbehandler.agder@demo.ktu");
        var leader = await apps.SignInAsync(apps.First, "leder.agder@demo.ktu");
        var officers = System.Text.Json.Nodes.JsonNode.Parse(await leader.GetStringAsync(new Uri("/api/v1/admin/users?q=saksbehandler.agder@demo.ktu", UriKind.Relative)))!.AsArray();
        var officerId = officers.Single(u => u!["email"]!.GetValue<string>() == "saksbehandler.agder@demo.ktu")!["id"]!.GetValue<string>();
        var applications = new List<string>();
        foreach (var (number, instance) in new[] { ("4204", apps.First), ("4203", apps.Second) })
        {
            var applicant = await apps.SignInAsync(instance, $"soker.{number}@demo.ktu");
            var draft = await SaveAsync(applicant, Complete(await StartAsync(applicant)));
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(applicant, Id(draft))).StatusCode);
            applications.Add(Id(draft));
            // The leader gives the case to the officer (issue 16), who declares no conflict and assesses it.
            Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/cases/{Id(draft)}/assignment", new { officerId })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/cases/{Id(draft)}/impartiality", new { conflict = false })).StatusCode);
            var lines = new[] { "kompetanse-1-videreforing", "kompetanse-1-nye", "bpa-1", "prosjekt-1" }
                .Select(l => new { lineId = l, score = 3, reason = (string?)null }).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/cases/{Id(draft)}/assessment", new { lines, completed = true })).StatusCode);
        }
        var round = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}"));
        using var sent = await officer.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = round["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var version = (await ReadAsync(sent))["version"]!.GetValue<int>();

        // No approval before the application deadline (issue 16): Agder's own deadline is moved a minute into the past.
        Assert.Equal(1, await apps.ExecuteAsync(
            """UPDATE "Pots" SET "ApplicationDeadline" = now() - interval '1 minute' WHERE "EmbeteId" = 'agder' AND "SchemeYear" = $1""", OpenYear));
        // Each process keeps the scheme year and its pots in its reference cache; a change written behind their backs is
        // read again once the cache's lifetime has run out.
        await Task.Delay(Ktu.Web.Data.ReferenceCache.DefaultLifetime + TimeSpan.FromSeconds(2));

        // Two leaders press "approve" at the same moment, each on an instance of their own.
        var otherLeader = await apps.SignInAsync(apps.Second, "leder2.agder@demo.ktu");
        var both = await Task.WhenAll(
            leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { version }),
            otherLeader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { version }));

        var answers = await Task.WhenAll(both.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"));
        Assert.True(both.Count(r => r.StatusCode == HttpStatusCode.OK) == 1 && both.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 1,
            string.Join("\n", answers) + "\n" + apps.Output);
        foreach (var application in applications)
        {
            Assert.Equal(1, await apps.CountAsync("""SELECT count(*) FROM "GrantDecisions" WHERE "ApplicationId" = $1""", Guid.Parse(application)));
        }
        Assert.Equal(1, await apps.CountAsync("""SELECT count(*) FROM "AuditEntries" WHERE "Action" = 'allocation.approved' AND "EmbeteId" = 'agder'"""));
    }

    [Fact]
    public async Task Every_outbox_message_is_received_once_though_both_instances_send()
    {
        if (!KtuFactory.OnPostgres)
        {
            return;
        }
        // Receipts queued through both instances at once, so both senders find work in the same polls.
        var municipalities = new[] { "3201", "3203", "3205", "3207", "3209", "3212", "3214", "3216" };
        await Task.WhenAll(municipalities.Select(async (number, i) =>
        {
            var api = await apps.SignInAsync(i % 2 == 0 ? apps.First : apps.Second, $"soker.{number}@demo.ktu");
            var draft = await SaveAsync(api, Complete(await StartAsync(api)));
            using var submitted = await SubmitAsync(api, Id(draft));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }));

        // Wait until the senders have sent everything queued (by this test and the others).
        var until = DateTime.UtcNow.AddMinutes(4);
        while (await apps.CountAsync("""SELECT count(*) FROM "OutboxMessages" WHERE "SentAt" IS NULL""") > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(250);
        }
        Assert.True(await apps.CountAsync("""SELECT count(*) FROM "OutboxMessages" WHERE "SentAt" IS NULL""") == 0, "Messages left unsent:\n" + apps.Output);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a duplicate, if any, would arrive within a few polls

        var ids = await IdsAsync();
        Assert.True(ids.Count >= municipalities.Length, $"only {ids.Count} messages in the outbox");
        var received = apps.Smtp.ReceivedEmail.Select(m => m.Headers["Message-ID"] ?? "").ToList();
        var counts = ids.ToDictionary(id => id, id => received.Count(r => r.Contains(id.ToString("N"), StringComparison.Ordinal)));
        Assert.True(counts.Values.All(c => c == 1), "Received other than once: " + string.Join(", ", counts.Where(c => c.Value != 1).Select(c => $"{c.Key}×{c.Value}")));
        Assert.Equal(ids.Count, received.Count);
    }

    private async Task<List<Guid>> IdsAsync()
    {
        await using var conn = new NpgsqlConnection(apps.ConnectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM "OutboxMessages" """, conn);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }
}
