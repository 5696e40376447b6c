using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// Status-aware report reminders, queued in the outbox: two weeks before the deadline and the day after it to those who have
/// not sent their report, and to those who sent it without the auditor's statement or accounts print it needs. Each reminder
/// is recorded per grant and kind under a unique key in the same save as its e-mail, so it is queued once, whichever instance
/// runs the job and however often; the job itself runs under a database lease (<see cref="JobLeases"/>).
/// </summary>
internal static class ReportReminders
{
    public const string Job = "report-reminders";
    /// <summary>How long before the deadline the first reminder goes.</summary>
    public static readonly int DaysBefore = 14;
    /// <summary>How long after the deadline the late reminder may still go (a job that was down catches up within this).</summary>
    public static readonly int DaysAfter = 30;

    /// <returns>How many reminders were queued.</returns>
    public static async Task<int> RunOnceAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var today = NorwayTime.DateOf(now);
        var years = await db.SchemeYears.AsNoTracking().Where(s => s.Year >= today.Year - 2 && s.Year <= today.Year)
            .Select(s => new { s.Year, s.ReportDeadline }).ToListAsync(ct);
        var pots = await db.Pots.AsNoTracking().Where(p => p.SchemeYear >= today.Year - 2 && p.SchemeYear <= today.Year)
            .Select(p => new { p.SchemeYear, p.EmbeteId, p.ReportDeadline }).ToListAsync(ct);
        var yearNumbers = years.Select(y => y.Year).ToList();
        // One reminder per grant, whichever round its money came in.
        var grants = await db.GrantTotalsAsync(d => yearNumbers.Contains(d.SchemeYear), ct);
        var grantIds = grants.Select(g => g.Id).ToList();
        // Statements owed from last year's postponed reports, asked once per year rather than once per grant.
        var owedByYear = new Dictionary<int, Dictionary<int, int>>();
        foreach (var year in grants.Select(g => g.SchemeYear).Distinct())
        {
            owedByYear[year] = await db.StatementsOwedAsync(grants.Where(g => g.SchemeYear == year).Select(g => g.OrganisationId).Distinct().ToList(), year, ct);
        }
        var reports = await db.GrantReports.AsNoTracking().Where(r => grantIds.Contains(r.GrantDecisionId))
            .Select(r => new { r.GrantDecisionId, r.Status, r.SubmissionCount, r.Document }).ToDictionaryAsync(r => r.GrantDecisionId, ct);
        var attached = (await db.ReportAttachments.AsNoTracking().Where(a => grantIds.Contains(a.GrantDecisionId))
            .Select(a => new { a.GrantDecisionId, a.Kind }).Distinct().ToListAsync(ct)).ToLookup(a => a.GrantDecisionId, a => a.Kind);
        var already = (await db.SentReminders.AsNoTracking().Where(r => grantIds.Contains(r.GrantDecisionId))
            .Select(r => new { r.GrantDecisionId, r.Kind }).ToListAsync(ct)).Select(r => (r.GrantDecisionId, r.Kind)).ToHashSet();

        var queued = 0;
        foreach (var g in grants)
        {
            var deadline = pots.FirstOrDefault(p => p.SchemeYear == g.SchemeYear && p.EmbeteId == g.EmbeteId)?.ReportDeadline
                ?? years.Single(y => y.Year == g.SchemeYear).ReportDeadline;
            var report = reports.GetValueOrDefault(g.Id);
            var sent = report is { SubmissionCount: > 0 } && report.Status is ReportStatus.Submitted or ReportStatus.Approved;
            ReminderKind? kind = null;
            if (!sent && today > deadline && today <= deadline.AddDays(DaysAfter))
            {
                kind = ReminderKind.AfterDeadline;
            }
            else if (!sent && today >= deadline.AddDays(-DaysBefore) && today <= deadline)
            {
                kind = ReminderKind.BeforeDeadline;
            }
            else if (sent && report!.Status == ReportStatus.Submitted && today >= deadline.AddDays(-DaysBefore) && today <= deadline.AddDays(DaysAfter))
            {
                var content = ReportJson.Deserialize(report.Document);
                var scheme = await db.Reference.SchemeYearAsync(g.SchemeYear, ct);
                var requirement = AuditorRequirement.For(scheme!, g.AmountGranted, content.TotalSpent, owedByYear[g.SchemeYear].ContainsKey(g.OrganisationId));
                if (!requirement.IsMet(attached[g.Id], content.AuditorStatementPostponed))
                {
                    kind = ReminderKind.EvidenceOwed;
                }
            }
            if (kind is not { } k || already.Contains((g.Id, k)))
            {
                continue;
            }
            var to = await RecipientAsync(db, g.ApplicationId, ct);
            if (to is null)
            {
                continue;
            }
            db.SentReminders.Add(new SentReminder { GrantDecisionId = g.Id, Kind = k, EmbeteId = g.EmbeteId, To = to, QueuedAt = now });
            var (subject, body) = k switch
            {
                ReminderKind.BeforeDeadline => (ReportingTexts.Reminder_Before_Subject, ReportingTexts.Reminder_Before_Body),
                ReminderKind.AfterDeadline => (ReportingTexts.Reminder_After_Subject, ReportingTexts.Reminder_After_Body),
                _ => (ReportingTexts.Reminder_Evidence_Subject, ReportingTexts.Reminder_Evidence_Body),
            };
            db.OutboxMessages.Add(OutboxMessage.Email(to, Format.Text(subject, g.SchemeYear, g.CaseReference),
                Format.Text(body, g.SchemeYear, g.CaseReference, Format.Date(deadline)), now));
            try
            {
                await db.SaveChangesAsync(ct);
                queued++;
            }
            catch (DbUpdateException)
            {
                // Queued by another run at the same moment (the key is unique): nothing of ours was saved.
                db.ChangeTracker.Clear();
            }
        }
        return queued;
    }

    /// <summary>The application's contact person, or whoever sent it.</summary>
    private static async Task<string?> RecipientAsync(AppDbContext db, Guid applicationId, CancellationToken ct)
    {
        var latest = await db.ApplicationSubmissions.AsNoTracking().Where(s => s.ApplicationId == applicationId)
            .OrderByDescending(s => s.Number).FirstOrDefaultAsync(ct);
        return latest?.ReadSnapshot().Application.Contact?.Email is { Length: > 0 } contact ? contact : latest?.SubmittedByEmail;
    }
}

/// <summary>Runs <see cref="ReportReminders"/> every <c>Reminders:IntervalMinutes</c> (default 60) under the job's lease; off with <c>Reminders:Enabled=false</c>.</summary>
internal sealed partial class ReportRemindersJob(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<ReportRemindersJob> logger)
    : BackgroundService
{
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Reminders:Enabled", true))
        {
            return;
        }
        var every = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Reminders:IntervalMinutes", 60)));
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    if (await JobLeases.TryTakeAsync(db, ReportReminders.Job, _holder, every, time.GetUtcNow(), stoppingToken))
                    {
                        var queued = await ReportReminders.RunOnceAsync(db, time.GetUtcNow(), stoppingToken);
                        LogQueued(logger, queued);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report reminders: {Queued} queued.")]
    private static partial void LogQueued(ILogger logger, int queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report reminders failed; the next run tries again.")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
