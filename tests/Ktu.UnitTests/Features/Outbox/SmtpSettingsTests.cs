using Ktu.Web.Features.Outbox;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace Ktu.UnitTests.Features.Outbox;

public sealed class SmtpSettingsTests
{
    private static SmtpSettings? Read(params (string Key, string Value)[] settings) =>
        SmtpSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Smtp:" + s.Key, s.Value)))
            .Build());

    [Fact]
    public void Without_a_host_there_is_no_mail_server() =>
        Assert.Null(Read(("From", "ktu@example.org"), ("Port", "25")));

    [Fact]
    public void A_host_with_defaults_requires_starttls_on_port_587()
    {
        var s = Read(("Host", "smtp.example.org"), ("From", "ktu@example.org"))!;

        Assert.Equal(587, s.Port);
        Assert.Equal(SecureSocketOptions.StartTls, s.Security);
        Assert.Null(s.UserName);
        Assert.Equal("ktu@example.org", s.From.Address);
        Assert.Equal(RetrySchedule.DefaultMaxAttempts, s.MaxAttempts);
    }

    [Fact]
    public void Port_465_defaults_to_tls_on_connect() =>
        Assert.Equal(SecureSocketOptions.SslOnConnect, Read(("Host", "smtp.example.org"), ("Port", "465"), ("From", "ktu@example.org"))!.Security);

    [Fact]
    public void Every_setting_is_read()
    {
        var s = Read(("Host", "relay"), ("Port", "2525"), ("Security", "none"), ("UserName", "ktu"), ("Password", "hemmelig"),
            ("From", "noreply@ktu.example"), ("FromName", "Kommunal tilskuddsforvaltning"), ("PollSeconds", "3"),
            ("MaxAttempts", "4"), ("BatchSize", "7"), ("TimeoutSeconds", "5"))!;

        Assert.Equal(("relay", 2525, SecureSocketOptions.None, "ktu", "hemmelig"), (s.Host, s.Port, s.Security, s.UserName, s.Password));
        Assert.Equal(("Kommunal tilskuddsforvaltning", "noreply@ktu.example"), (s.From.Name, s.From.Address));
        Assert.Equal((TimeSpan.FromSeconds(3), 4, 7, TimeSpan.FromSeconds(5)), (s.PollInterval, s.MaxAttempts, s.BatchSize, s.Timeout));
        Assert.DoesNotContain("hemmelig", s.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_outlasts_the_time_it_may_take_to_send_one_message()
    {
        var s = Read(("Host", "relay"), ("From", "ktu@example.org"))!;

        Assert.True(s.Lease > s.MinLeaseLeft);
        Assert.True(s.MinLeaseLeft >= s.Timeout * 4, "connect, sign in, MAIL FROM, RCPT TO, DATA: each may take up to the timeout");
    }

    [Theory]
    [InlineData("Security", "Tls13")]
    [InlineData("From", "")]
    [InlineData("From", "ikke en adresse")]
    public void A_wrong_setting_stops_the_start(string key, string value)
    {
        var settings = new List<(string, string)> { ("Host", "relay"), ("From", "ktu@example.org") };
        settings.RemoveAll(s => s.Item1 == key);
        settings.Add((key, value));

        Assert.Throws<InvalidOperationException>(() => Read([.. settings]));
    }
}
