using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Features.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using netDumbster.smtp;
using static Ktu.IntegrationTests.Applications.ApplicationApi;
using static Ktu.IntegrationTests.Outbox.SmtpTesting;

namespace Ktu.IntegrationTests.Outbox;

/// <summary>
/// Sending the outbox over SMTP to an in-process mail server. This app has no mail server configured, so no worker of
/// its own sends anything: each test drives senders of its own, one batch at a time, on the app's database and clock.
/// </summary>
public sealed class OutboxSendingTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    [Fact]
    public void Without_a_mail_server_configured_no_sender_runs()
    {
        Assert.Null(factory.Services.GetService<OutboxSender>());
        Assert.DoesNotContain(factory.Services.GetServices<IHostedService>(), s => s is OutboxSending);
    }

    [Fact]
    public async Task The_receipt_of_a_submission_reaches_the_mail_server_once_and_the_server_answer_is_kept()
    {
        using var server = SimpleSmtpServer.Start(ClosedPort());
        var api = await factory.ApplicantAsync("5028");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        var receipt = await ReadAsync(await SubmitAsync(api, Id(draft), Version(draft)));
        var reference = receipt["reference"]!.GetValue<string>();
        var sender = Sender(factory, Settings(server.Configuration.Port));

        await DrainAsync(sender);
        await DrainAsync(sender);

        string[] recipients = ["soker.5028@demo.ktu", "kari.kontakt@example.org"];
        foreach (var to in recipients)
        {
            var mail = Assert.Single(To(server, to), m => m.Subject.Contains(reference, StringComparison.Ordinal));
            Assert.StartsWith($"Kvittering for søknad {reference}", mail.Subject, StringComparison.Ordinal);
            Assert.Equal(From, mail.FromAddress.Address);
        }
        var rows = (await RowsToAsync(factory, recipients)).Where(r => r.Subject.Contains(reference, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(factory.Time.GetUtcNow(), r.SentAt);
            Assert.False(string.IsNullOrWhiteSpace(r.ServerResponse));
            Assert.Equal(1, r.Attempts);
            Assert.Null(r.LastError);
            Assert.Null(r.LeaseUntil);
            Assert.StartsWith(sender.Name + "/", r.LeasedBy, StringComparison.Ordinal);
        });

        var viewer = await factory.CreateApiClientAsync("admin@demo.ktu");
        var details = WebUtility.HtmlDecode(await (await viewer.GetAsync($"/utboks/{rows[0].Id}")).Content.ReadAsStringAsync());
        Assert.Contains("Svar fra e-posttjeneren", details, StringComparison.Ordinal);
        Assert.Contains(rows[0].ServerResponse!, details, StringComparison.Ordinal);
        Assert.DoesNotContain("Ikke sendt", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_server_that_cannot_be_reached_leaves_the_message_for_a_later_try_and_it_goes_once()
    {
        var to = UniqueAddress("uten.tjener");
        var message = (await QueueAsync(factory, to))[0];
        var closedPort = ClosedPort();
        var unreachable = Sender(factory, Settings(closedPort));
        var start = factory.Time.GetUtcNow();

        await DrainAsync(unreachable);

        var failed = await RowAsync(factory, message.Id);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(failed.LastError));
        Assert.Equal(start + RetrySchedule.FirstDelay, failed.NextAttemptAt);
        Assert.Null(failed.FailedAt);
        Assert.Null(failed.LeaseUntil);

        // Before its next try a working server gets nothing, and the failed try is not repeated.
        using var server = SimpleSmtpServer.Start(ClosedPort());
        var working = Sender(factory, Settings(server.Configuration.Port));
        await DrainAsync(unreachable);
        await DrainAsync(working);
        Assert.Empty(To(server, to));
        Assert.Equal(1, (await RowAsync(factory, message.Id)).Attempts);

        factory.Time.Advance(RetrySchedule.FirstDelay);
        await DrainAsync(working);
        await DrainAsync(working);

        Assert.Single(To(server, to));
        var sent = await RowAsync(factory, message.Id);
        Assert.Equal(factory.Time.GetUtcNow(), sent.SentAt);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.NotNull(sent.ServerResponse);
    }

    [Fact]
    public async Task After_the_last_try_a_message_is_given_up_and_the_outbox_page_says_so()
    {
        var to = UniqueAddress("gitt.opp");
        var message = (await QueueAsync(factory, to))[0];
        var unreachable = Sender(factory, Settings(ClosedPort(), maxAttempts: 2));

        await DrainAsync(unreachable);
        factory.Time.Advance(RetrySchedule.FirstDelay);
        await DrainAsync(unreachable);
        var givenUpAt = factory.Time.GetUtcNow();
        factory.Time.Advance(TimeSpan.FromDays(1));
        await DrainAsync(unreachable);

        var row = await RowAsync(factory, message.Id);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(givenUpAt, row.FailedAt);
        Assert.Null(row.NextAttemptAt);
        Assert.Null(row.SentAt);
        var viewer = await factory.CreateApiClientAsync("admin@demo.ktu");
        var list = WebUtility.HtmlDecode(await (await viewer.GetAsync("/utboks")).Content.ReadAsStringAsync());
        Assert.Contains($"Ikke sendt. Sendingen ble gitt opp {Ktu.Web.Domain.Format.Deadline(givenUpAt)}.", list, StringComparison.Ordinal);
        var details = WebUtility.HtmlDecode(await (await viewer.GetAsync($"/utboks/{message.Id}")).Content.ReadAsStringAsync());
        Assert.Contains(row.LastError!, details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_cannot_be_read_is_given_up_at_once_and_one_the_server_may_take_later_is_tried_again()
    {
        // netDumbster answers an address without a domain with 451, "try again later"; "@@" is no address at all.
        var messages = await QueueAsync(factory, "@@", "ingen-domene");
        using var server = SimpleSmtpServer.Start(ClosedPort());

        await DrainAsync(Sender(factory, Settings(server.Configuration.Port)));

        var unreadable = await RowAsync(factory, messages[0].Id);
        Assert.Equal((1, factory.Time.GetUtcNow(), (DateTimeOffset?)null), (unreadable.Attempts, unreadable.FailedAt, unreadable.NextAttemptAt));
        var refused = await RowAsync(factory, messages[1].Id);
        Assert.Equal((1, (DateTimeOffset?)null, factory.Time.GetUtcNow() + RetrySchedule.FirstDelay), (refused.Attempts, refused.FailedAt, refused.NextAttemptAt));
        Assert.StartsWith("451", refused.LastError, StringComparison.Ordinal);
        Assert.Null(unreadable.SentAt ?? refused.SentAt);
        Assert.Equal(0, server.ReceivedEmailCount);
    }

    [Fact]
    public async Task Two_senders_racing_over_the_same_messages_deliver_each_exactly_once()
    {
        var recipients = Enumerable.Range(1, 24).Select(i => UniqueAddress($"race{i}")).ToArray();
        await QueueAsync(factory, recipients);
        using var server = SimpleSmtpServer.Start(ClosedPort());
        var a = Sender(factory, Settings(server.Configuration.Port, batchSize: 5));
        var b = Sender(factory, Settings(server.Configuration.Port, batchSize: 5));

        // Both read the same due messages; the one that leases second gets none of them, and the next due ones are left to it.
        await using (var scopeA = factory.CreateScope())
        await using (var scopeB = factory.CreateScope())
        {
            var dbA = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
            var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
            var dueA = await a.DueAsync(dbA, CancellationToken.None);
            var dueB = await b.DueAsync(dbB, CancellationToken.None);
            Assert.Equal(dueA, dueB);
            var claimedA = await a.LeaseAsync(dbA, dueA, CancellationToken.None);
            Assert.Empty(await b.LeaseAsync(dbB, dueB, CancellationToken.None));
            var claimedB = await b.ClaimAsync(dbB, CancellationToken.None);
            Assert.Equal(dueA, claimedA.Select(m => m.Id));
            Assert.NotEmpty(claimedB);
            Assert.Empty(claimedA.Select(m => m.Id).Intersect(claimedB.Select(m => m.Id)));
            await Task.WhenAll(a.SendAsync(dbA, claimedA, CancellationToken.None), b.SendAsync(dbB, claimedB, CancellationToken.None));
        }
        // The rest, with both senders running at once.
        await Task.WhenAll(Task.Run(() => DrainAsync(a)), Task.Run(() => DrainAsync(b)));

        Assert.All(recipients, to => Assert.Single(To(server, to)));
        var rows = await RowsToAsync(factory, recipients);
        Assert.Equal(recipients.Length, rows.Count);
        Assert.All(rows, r => Assert.Equal((1, true), (r.Attempts, r.SentAt is not null)));
        // Both took part.
        Assert.Contains(rows, r => r.LeasedBy!.StartsWith(a.Name + "/", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.LeasedBy!.StartsWith(b.Name + "/", StringComparison.Ordinal));
    }
}
