using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Features.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Reporting;

/// <summary>
/// Report reminders on the demo's decided year (11 Trøndelag grants, report deadline 1 March next year; Steinkjer has sent its
/// report without the auditor's statement): only those who owe something get one, each at most once, however many runs at once.
/// </summary>
public sealed class ReminderTests : IAsyncLifetime, IDisposable
{
    private readonly KtuFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["Demo:ReportYear"] = "true";
        await ((IAsyncLifetime)_factory).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    public void Dispose() => _factory.Dispose();

    private async Task<int> RunAsync(DateTimeOffset now)
    {
        await using var scope = _factory.CreateScope();
        return await ReportReminders.RunOnceAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), now, CancellationToken.None);
    }

    [Fact]
    public async Task Reminders_go_only_to_those_who_owe_something_and_never_twice()
    {
        var year = Ktu.IntegrationTests.Applications.ApplicationApi.OpenYear - 1;
        // A month before the deadline: nothing yet.
        Assert.Equal(0, await RunAsync(new DateTimeOffset(year + 1, 1, 30, 9, 0, 0, TimeSpan.Zero)));

        // Two weeks before: four runs at once (as from four instances) queue 10 "not sent" and 1 "statement owed", once.
        var before = new DateTimeOffset(year + 1, 2, 20, 9, 0, 0, TimeSpan.Zero);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RunAsync(before)));
        Assert.Equal(11, runs.Sum());
        Assert.Equal(0, await RunAsync(before.AddDays(3)));

        // The day after the deadline: the ten who still have not reported.
        Assert.Equal(10, await RunAsync(new DateTimeOffset(year + 1, 3, 2, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, await RunAsync(new DateTimeOffset(year + 1, 3, 3, 9, 0, 0, TimeSpan.Zero)));

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sent = await db.SentReminders.ToListAsync();
        Assert.Equal(10, sent.Count(r => r.Kind == ReminderKind.BeforeDeadline));
        Assert.Equal(10, sent.Count(r => r.Kind == ReminderKind.AfterDeadline));
        Assert.Equal(1, sent.Count(r => r.Kind == ReminderKind.EvidenceOwed));
        Assert.Equal(21, await db.OutboxMessages.CountAsync(m => m.Subject.Contains($"tilskudd {year}") || m.Subject.StartsWith("Revisorattestasjon")));
        // Every reminder went to the one address the application gave, and one e-mail per reminder.
        Assert.All(sent, r => Assert.EndsWith("@example.org", r.To, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_jobs_lease_is_held_by_one_instance_until_it_runs_out()
    {
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = new DateTimeOffset(2027, 1, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.True(await JobLeases.TryTakeAsync(db, "test-job", "a", TimeSpan.FromMinutes(10), now, CancellationToken.None));
        Assert.False(await JobLeases.TryTakeAsync(db, "test-job", "b", TimeSpan.FromMinutes(10), now.AddMinutes(5), CancellationToken.None));
        Assert.True(await JobLeases.TryTakeAsync(db, "test-job", "a", TimeSpan.FromMinutes(10), now.AddMinutes(5), CancellationToken.None));
        Assert.True(await JobLeases.TryTakeAsync(db, "test-job", "b", TimeSpan.FromMinutes(10), now.AddMinutes(16), CancellationToken.None));
        await JobLeases.ReleaseAsync(db, "test-job", "b", now.AddMinutes(17), CancellationToken.None);
        Assert.True(await JobLeases.TryTakeAsync(db, "test-job", "a", TimeSpan.FromMinutes(10), now.AddMinutes(18), CancellationToken.None));
    }
}
