using System.Globalization;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Features.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using netDumbster.smtp;
using static Ktu.IntegrationTests.Applications.ApplicationApi;
using static Ktu.IntegrationTests.Outbox.SmtpTesting;

namespace Ktu.IntegrationTests.Outbox;

/// <summary>
/// The app configured with a mail server (Smtp__Host and the rest) sends the receipt of a real submission by itself:
/// its background worker finds the message and hands it to the server.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the factory and the server through IAsyncLifetime.")]
public sealed class OutboxWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly SimpleSmtpServer _server = SimpleSmtpServer.Start(ClosedPort());
    private readonly KtuFactory _factory = new();

    public OutboxWorkerTests()
    {
        _factory.Settings["Smtp:Host"] = "127.0.0.1";
        _factory.Settings["Smtp:Port"] = _server.Configuration.Port.ToString(CultureInfo.InvariantCulture);
        _factory.Settings["Smtp:Security"] = "None";
        _factory.Settings["Smtp:From"] = From;
        _factory.Settings["Smtp:FromName"] = "KTU";
        _factory.Settings["Smtp:PollSeconds"] = "1";
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task The_worker_sends_the_receipt_of_a_submission_and_records_it_as_sent()
    {
        var api = await _factory.ApplicantAsync("5028");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        var receipt = await ReadAsync(await SubmitAsync(api, Id(draft), Version(draft)));
        var reference = receipt["reference"]!.GetValue<string>();
        Assert.Contains(_factory.Services.GetServices<IHostedService>(), s => s is OutboxSending);

        string[] recipients = ["soker.5028@demo.ktu", "kari.kontakt@example.org"];
        // The worker polls every second on its own; wait until both rows are recorded as sent, or give up.
        var rows = await EventuallyAsync(async () => await RowsToAsync(_factory, recipients), r => r.Count == 2 && r.All(m => m.SentAt is not null));

        Assert.All(rows, r =>
        {
            Assert.Contains(reference, r.Subject, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(r.ServerResponse));
            Assert.Equal(1, r.Attempts);
        });
        foreach (var to in recipients)
        {
            var mail = Assert.Single(To(_server, to));
            Assert.StartsWith($"Kvittering for søknad {reference}", mail.Subject, StringComparison.Ordinal);
            // The body as the recipient's mail program decodes it (quoted-printable for the Norwegian letters).
            using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
            var body = (await MimeKit.MimeMessage.LoadAsync(raw)).TextBody;
            Assert.Contains($"Referansenummer: {reference}", body, StringComparison.Ordinal);
            Assert.Contains(receipt["sha256"]!.GetValue<string>(), body, StringComparison.Ordinal);
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
