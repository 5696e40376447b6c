using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Web;

/// <summary>
/// With DataProtection:CertificatePath the key ring in the database is encrypted: the stored keys hold no key material in the
/// clear, an instance with the certificate accepts the first one's tokens, and one without it (a copy of the database) does not.
/// </summary>
public sealed class KeyRingProtectionTests : IAsyncLifetime
{
    private readonly string _certificate = TestCertificate.WritePfx(Path.Combine(AppContext.BaseDirectory, "key-ring-tests", $"{Guid.NewGuid():N}.pfx"));
    private readonly List<KtuFactory> _factories = [];

    [Fact]
    public async Task Keys_are_stored_encrypted_and_only_an_instance_with_the_certificate_reads_them()
    {
        var first = WithCertificate(Track(new KtuFactory()));
        var api = await first.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");

        await using (var scope = first.CreateScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, k =>
            {
                Assert.Contains("EncryptedXmlDecryptor", k.Xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", k.Xml, StringComparison.Ordinal); // an unencrypted master key is written as <value>base64</value>
            });
        }

        var second = WithCertificate(Track(KtuFactory.SharingDatabaseWith(first)));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(second, api));

        var copy = Track(KtuFactory.SharingDatabaseWith(first)); // the database without the certificate
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(copy, api));
    }

    [Fact]
    public void A_wrong_certificate_password_stops_the_start_with_the_reason()
    {
        var app = Track(new KtuFactory());
        app.Settings["DataProtection:CertificatePath"] = _certificate;
        app.Settings["DataProtection:CertificatePassword"] = "feil-passord";

        var e = Record.Exception(() => app.Services);
        Assert.NotNull(e);
        Assert.Contains("DataProtection__CertificatePath: could not read the certificate", e.ToString(), StringComparison.Ordinal);
    }

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

    private static async Task<HttpStatusCode> MeAsync(KtuFactory instance, HttpClient signedIn)
    {
        var client = instance.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        using var me = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        return me.StatusCode;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in Enumerable.Reverse(_factories))
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
        File.Delete(_certificate);
    }
}
