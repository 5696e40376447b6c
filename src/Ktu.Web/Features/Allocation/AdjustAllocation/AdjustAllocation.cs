using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

public sealed record AdjustmentInput(string? LineKey, long? Amount, string? Reason);

public sealed record RoundChangeInput(int? Version, AllocationSettingsRequest? Settings, IReadOnlyList<AdjustmentInput>? Adjustments);

/// <summary>
/// The case officer changes the allocation's settings and/or adjusts lines (an amount with a reason for the letter).
/// The round's version makes two people at once safe: one succeeds, the other is told to reload. Audited.
/// </summary>
internal static class AdjustAllocation
{
    internal abstract record Outcome;
    internal sealed record Adjusted : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapPut("/", EndpointAsync)
            .WithSummary("Endre innstillingene og/eller justeringene (beløp med begrunnelse per linje). Send versjonen du hentet; 409 hvis noen har endret i mellomtiden.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, RoundChangeInput input, CancellationToken ct)
    {
        RoundRules.RequireRole(me, Roles.CaseOfficer, AllocationTexts.Adjust_OnlyCaseOfficers);
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var readSettings = input.Settings is null ? null : AllocationSettingsInput.Read(input.Settings, "settings");
        var readAdjustments = input.Adjustments is null ? null : ReadAdjustments(view, input.Adjustments);
        var errors = new FieldErrors();
        if (readSettings is AllocationSettingsInput.Invalid invalidSettings)
        {
            errors.AddAll(invalidSettings.Errors);
        }
        if (readAdjustments is UnreadableAdjustments invalidAdjustments)
        {
            errors.AddAll(invalidAdjustments.Errors);
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var settings = (readSettings as AllocationSettingsInput.Readable)?.Settings;
        var adjustments = (readAdjustments as ReadableAdjustments)?.Adjustments;
        var round = RoundRules.OpenDraft(db, view, input.Version, time);
        var now = time.GetUtcNow();
        var actor = me.Actor;
        if (settings is not null)
        {
            var before = round.SettingsJson;
            round.ChangeSettings(StoredSettings.Write(settings), actor, now);
            RoundRules.Audit(db, me, now, "allocation.settings-changed", round, before, round.SettingsJson);
        }
        if (adjustments is not null)
        {
            var before = round.ReadAdjustments();
            await EnsureNoConflictedChangeAsync(db, me, view, before, adjustments, ct);
            adjustments = Stamp(view, before, adjustments, actor, now);
            round.ChangeAdjustments(adjustments, actor, now);
            RoundRules.Audit(db, me, now, "allocation.adjusted", round, before, adjustments);
        }
        await db.SaveChangesAsync(ct);
        return new Adjusted();
    }

    internal static async Task<Results<Ok<RoundResponse>, ValidationProblem>> EndpointAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundChangeInput? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, year, body ?? new RoundChangeInput(null, null, null), ct) switch
        {
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            _ => await ViewAllocation.ReloadAsync(db, me, year, ct),
        };

    /// <summary>
    /// Someone who has declared a conflict on an application cannot set its money: an adjustment of one of its lines
    /// that is added, changed or removed by them is refused (409) and nothing is saved. Adjustments they send back
    /// unchanged (a client that sends the whole list) pass.
    /// </summary>
    private static async Task EnsureNoConflictedChangeAsync(
        AppDbContext db, CurrentUser me, RoundView view, IReadOnlyList<LineAdjustment> before, IReadOnlyList<LineAdjustment> after, CancellationToken ct)
    {
        var applicationIds = view.Lines.Select(l => l.ApplicationId).Distinct().ToList();
        var conflicted = await db.ImpartialityDeclarations.AsNoTracking()
            .Where(d => d.UserId == me.Id && d.Conflict && applicationIds.Contains(d.ApplicationId))
            .Select(d => d.ApplicationId).Distinct().ToListAsync(ct);
        if (conflicted.Count == 0)
        {
            return;
        }
        var stored = before.ToDictionary(a => a.LineKey, StringComparer.Ordinal);
        var sent = after.ToDictionary(a => a.LineKey, StringComparer.Ordinal);
        foreach (var line in view.Lines.Where(l => conflicted.Contains(l.ApplicationId)))
        {
            var was = stored.GetValueOrDefault(line.Key);
            var now = sent.GetValueOrDefault(line.Key);
            if ((was is null) != (now is null) || (was is not null && !was.SaysTheSameAs(now)))
            {
                throw new RuleViolationException(Format.Text(AllocationTexts.Adjust_Conflict, line.Applicant), "impartiality-conflict");
            }
        }
    }

    /// <summary>
    /// Who made each adjustment and when, and on which submission of the application: one sent back unchanged keeps its
    /// maker and time; a new or changed one is the caller's, now, on the application's current submission.
    /// </summary>
    private static List<LineAdjustment> Stamp(RoundView view, IReadOnlyList<LineAdjustment> before, List<LineAdjustment> sent, Actor actor, DateTimeOffset now)
    {
        var stored = before.ToDictionary(a => a.LineKey, StringComparer.Ordinal);
        var lines = view.Lines.ToDictionary(l => l.Key, StringComparer.Ordinal);
        return [.. sent.Select(a => stored.GetValueOrDefault(a.LineKey) is { } kept && kept.SaysTheSameAs(a)
                && !kept.IsStaleFor(lines[a.LineKey].SubmissionNumber)
            ? kept
            : a with { ByUserId = actor.UserId, ByName = actor.DisplayName, At = now, SubmissionNumber = lines[a.LineKey].SubmissionNumber })];
    }

    /// <summary>The adjustments as sent, read against the allocation's lines, or why they cannot be used.</summary>
    private abstract record AdjustmentsRead;
    private sealed record ReadableAdjustments(List<LineAdjustment> Adjustments) : AdjustmentsRead;
    private sealed record UnreadableAdjustments(FieldErrors Errors) : AdjustmentsRead;

    private static AdjustmentsRead ReadAdjustments(RoundView view, IReadOnlyList<AdjustmentInput> input)
    {
        var errors = new FieldErrors();
        var lines = view.Lines.ToDictionary(l => l.Key, StringComparer.Ordinal);
        var result = new List<LineAdjustment>();
        for (var i = 0; i < input.Count; i++)
        {
            var a = input[i];
            var at = $"adjustments[{i}]";
            if (a.LineKey is null || !lines.TryGetValue(a.LineKey, out var line))
            {
                errors.Add($"{at}.lineKey", AllocationTexts.Adjust_LineUnknown);
                continue;
            }
            if (a.Amount is null)
            {
                continue;
            }
            if (a.Amount < 0 || a.Amount > line.Line.AmountApplied)
            {
                errors.Add($"{at}.amount", Format.Text(AllocationTexts.Adjust_AmountOutOfRange, line.Line.Label, line.Applicant, Format.Nok(line.Line.AmountApplied)));
                continue;
            }
            if (line.Score == 0 && a.Amount > 0)
            {
                errors.Add($"{at}.amount", Format.Text(AllocationTexts.Adjust_ScoreZero, line.Line.Label, line.Applicant));
                continue;
            }
            var reason = a.Reason?.Trim() ?? "";
            if (reason.Length == 0)
            {
                errors.Add($"{at}.reason", Format.Text(AllocationTexts.Adjust_ReasonMissing, line.Line.Label, line.Applicant));
                continue;
            }
            if (reason.Length > AllocationRound.MaxReasonLength)
            {
                errors.Add($"{at}.reason", Format.Text(AllocationTexts.Adjust_ReasonTooLong, AllocationRound.MaxReasonLength));
                continue;
            }
            if (result.Any(r => r.LineKey == line.Key))
            {
                errors.Add($"{at}.lineKey", Format.Text(AllocationTexts.Adjust_LineTwice, line.Line.Label, line.Applicant));
                continue;
            }
            result.Add(new LineAdjustment(line.Key, a.Amount.Value, reason));
        }
        return errors.Count > 0 ? new UnreadableAdjustments(errors) : new ReadableAdjustments(result);
    }
}
