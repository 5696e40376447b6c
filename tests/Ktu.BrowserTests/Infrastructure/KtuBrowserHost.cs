using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Ktu.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port (127.0.0.1, a free port chosen by the OS), so a real browser can
/// reach it. Same settings as the integration tests: demo data on a fresh SQLite file, a fixed clock,
/// no login rate limit. The content root is src/Ktu.Web, so wwwroot (with Designsystemet's CSS) is served.
/// </summary>
/// <remarks>
/// HTTPS with a throw-away self-signed certificate, as in production: the app marks its cookies Secure and
/// antiforgery refuses to issue a token on a plain-HTTP request (500), even on 127.0.0.1.
/// </remarks>
internal sealed class KtuBrowserHost : WebApplicationFactory<Program>
{
    /// <summary>Fixed "now", as in the integration tests: 23 November 2026, so the open demo year is 2027.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly string _sqlitePath;
    private readonly X509Certificate2 _certificate;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;

    /// <param name="settings">Settings on top of the test ones, e.g. an external log-in provider.</param>
    /// <param name="clock">
    /// The app's clock instead of <see cref="Time"/>: a log-in through an external provider needs the real one, since the
    /// handler's correlation and nonce cookies expire by the app's clock and the browser drops a cookie that expired by its own.
    /// </param>
    public KtuBrowserHost(IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _clock = clock;
        var dir = Path.Combine(Path.GetTempPath(), "ktu-browser-tests");
        Directory.CreateDirectory(dir);
        _sqlitePath = Path.Combine(dir, $"ktu-{Guid.NewGuid():N}.db");
        _certificate = SelfSignedCertificate();
        // Port 0: Kestrel asks the OS for a free port, so parallel runs never collide.
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Starts Kestrel and returns the address it listens on, e.g. https://127.0.0.1:41234/.</summary>
    public Uri StartAndGetAddress()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single());
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        // Round-trip through PKCS#12 so the private key is usable by Kestrel's TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Security:LoginAttemptsPerMinute", "100000");
        builder.UseSetting("Security:DocumentDownloadsPerMinute", "100000");
        builder.UseSetting("Security:SubmitsPerHour", "100000");
        builder.UseSetting("Security:ReceiptEmailsPerAddressPerHour", "100000");
        builder.UseSetting("Security:FailedLoginsPerAddressPerHour", "100000");
        // Background reminders would queue e-mails at random moments; tests run the job themselves.
        builder.UseSetting("Reminders:Enabled", "false");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_sqlitePath}");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(_clock ?? Time);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _certificate.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".audit-anchors", ".audit-anchors.key" })
        {
            File.Delete(_sqlitePath + suffix);
        }
    }
}
