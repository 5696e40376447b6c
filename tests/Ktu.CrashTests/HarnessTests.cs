using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ktu.CrashTests;

/// <summary>The harness's own rules: what counts as a dead connection, when a refused token is a problem, and the samples.</summary>
public sealed class HarnessTests
{
    public static TheoryData<Exception> DeadConnections() =>
    [
        new SocketException((int)SocketError.NotConnected),
        new HttpRequestException("An error occurred while sending the request.", new SocketException((int)SocketError.ConnectionReset)),
        new HttpRequestException("An error occurred while sending the request.", new IOException("The response ended prematurely.")),
        new HttpRequestException("Connection refused"),
        new HttpIOException(HttpRequestError.ResponseEnded),
        new IOException("Unable to read data from the transport connection."),
        new ObjectDisposedException("SslStream"),
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."),
        new OperationCanceledException(),
        new AggregateException(new SocketException((int)SocketError.ConnectionReset), new IOException("reset")),
    ];

    [Theory]
    [MemberData(nameof(DeadConnections))]
    public void Any_way_a_connection_dies_counts_as_no_answer(Exception e) => Assert.True(Transport.IsConnectionFailure(e), e.ToString());

    public static TheoryData<Exception> NotConnectionFailures() =>
    [
        new HttpRequestException("Response status code does not indicate success: 500.", null, HttpStatusCode.InternalServerError),
        new JsonException("'<' is an invalid start of a value."),
        new InvalidOperationException("The app stopped"),
        new ArgumentException("bad"),
        new AggregateException(new SocketException((int)SocketError.ConnectionReset), new InvalidOperationException("a bug")),
        new AggregateException(),
    ];

    [Theory]
    [MemberData(nameof(NotConnectionFailures))]
    public void Answers_and_bugs_are_not_dead_connections(Exception e) => Assert.False(Transport.IsConnectionFailure(e), e.ToString());

    [Fact]
    public void A_refused_token_is_a_problem_while_fresh_and_means_logging_in_again_after()
    {
        var issued = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var token = new Token("t", issued, issued.AddHours(1));
        Assert.Equal(Rejection.Fresh, Logins.Classify(token, issued));
        Assert.Equal(Rejection.Fresh, Logins.Classify(token, issued + Logins.FreshFor - TimeSpan.FromSeconds(1)));
        Assert.Equal(Rejection.BeforeExpiry, Logins.Classify(token, issued + Logins.FreshFor));
        Assert.Equal(Rejection.BeforeExpiry, Logins.Classify(token, issued.AddMinutes(59)));
        Assert.Equal(Rejection.Expired, Logins.Classify(token, issued.AddHours(1)));
        Assert.Equal(Rejection.Expired, Logins.Classify(token, issued.AddHours(7)));
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(10, 50)]
    [InlineData(50, 50)]
    [InlineData(51, 50)]
    [InlineData(100_000, 50)]
    [InlineData(100, 0)]
    public void A_sample_is_distinct_within_range_and_bounded(int size, int count)
    {
        var picked = Sample.Indices(size, count, new Random(size + count));
        Assert.Equal(Math.Min(size, count), picked.Length);
        Assert.Equal(picked.Length, picked.Distinct().Count());
        Assert.All(picked, i => Assert.InRange(i, 0, size - 1));
        Assert.Equal(picked.Order(), picked);
        if (size <= count)
        {
            Assert.Equal(Enumerable.Range(0, size), picked);
        }
    }

    [Fact]
    public void Samples_reach_every_older_write_over_many_cycles()
    {
        var random = new Random(7);
        var seen = new HashSet<int>();
        for (var cycle = 0; cycle < 200; cycle++)
        {
            seen.UnionWith(Sample.Indices(500, 50, random));
        }
        // 200 samples of 50 from 500: each index is missed with probability 0.9^200.
        Assert.Equal(500, seen.Count);
    }

    /// <summary>
    /// Against the real app: a token past its expiry and one that is merely old are refused (the app does not
    /// know them) and the request goes through after a login; a refused token issued just now is a problem.
    /// </summary>
    [Fact]
    public async Task Logins_log_in_again_after_a_401_to_an_old_token_and_report_a_401_to_a_fresh_one()
    {
        var work = Directory.CreateTempSubdirectory("ktu-logins-");
        try
        {
            using var http = new HttpClient();
            using var app = KtuProcess.Start(Path.Combine(work.FullName, "ktu.db"));
            await app.WaitHealthyAsync(http);
            var logins = new Logins();
            const string email = "soker.5001@demo.ktu";
            Func<string, HttpRequestMessage> me = token =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Url + "/api/v1/me"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return request;
            };
            var now = DateTimeOffset.UtcNow;

            logins.Use(email, new Token("not-a-token", now.AddHours(-2), now.AddHours(-1)));
            using (var response = await logins.SendAsync(http, app.Url, email, me))
            {
                Assert.Equal(HttpStatusCode.OK, response?.StatusCode);
            }
            Assert.Equal((1, 0, 1), (logins.AfterExpiry, logins.BeforeExpiry, logins.Issued));

            logins.Use(email, new Token("not-a-token", now.AddMinutes(-30), now.AddMinutes(30)));
            using (var response = await logins.SendAsync(http, app.Url, email, me))
            {
                Assert.Equal(HttpStatusCode.OK, response?.StatusCode);
            }
            Assert.Equal((1, 1, 2), (logins.AfterExpiry, logins.BeforeExpiry, logins.Issued));
            Assert.Empty(logins.TakeProblems());

            // The token the last login gave is kept and works without another login.
            using (var response = await logins.SendAsync(http, app.Url, email, me))
            {
                Assert.Equal(HttpStatusCode.OK, response?.StatusCode);
            }
            Assert.Equal(2, logins.Issued);

            logins.Use(email, new Token("not-a-token", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)));
            Assert.Null(await logins.SendAsync(http, app.Url, email, me));
            Assert.Contains("401 to a token issued", Assert.Single(logins.TakeProblems()), StringComparison.Ordinal);
            Assert.Equal(2, logins.Relogins);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }
}
