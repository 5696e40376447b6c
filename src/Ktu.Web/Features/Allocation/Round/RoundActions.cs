using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

public sealed record AdjustmentInput(string? LineKey, long? Amount, string? Reason);

public sealed record RoundChangeInput(int? Version, AllocationSettingsRequest? Settings, IReadOnlyList<AdjustmentInput>? Adjustments);

public sealed record ScenarioInput(int? Version, string? Name, AllocationSettingsRequest? Settings);

public sealed record RoundVersionInput(int? Version, string? Reason);

/// <summary>
/// What the officer and the approver do with the allocation: change settings and adjust lines, keep scenarios,
/// send for approval, approve (four eyes) or send back. Every change is audited; the round's version makes
/// two people acting at once safe: one succeeds, the other is told to reload.
/// </summary>
internal static class RoundActions
{
    public const int MaxScenarios = 10;
    public const int MaxScenarioName = 80;

    public static async Task<FieldErrors> ChangeAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, RoundChangeInput input, CancellationToken ct)
    {
        RequireRole(me, Roles.CaseOfficer, "Bare saksbehandlere kan endre fordelingen.");
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var errors = new FieldErrors();
        var settings = input.Settings is null ? null : ReadSettings(input.Settings, "settings", errors);
        var adjustments = input.Adjustments is null ? null : ReadAdjustments(view, input.Adjustments, errors);
        if (errors.Count > 0)
        {
            return errors;
        }
        var round = await OpenDraftAsync(db, view, input.Version, time, ct);
        var now = time.GetUtcNow();
        var actor = me.Actor;
        if (settings is not null)
        {
            var before = round.SettingsJson;
            round.ChangeSettings(StoredSettings.Write(settings), actor, now);
            Audit(db, me, now, "allocation.settings-changed", round, before, round.SettingsJson);
        }
        if (adjustments is not null)
        {
            var before = round.ReadAdjustments();
            round.ChangeAdjustments(adjustments, actor, now);
            Audit(db, me, now, "allocation.adjusted", round, before, adjustments);
        }
        await db.SaveChangesAsync(ct);
        return errors;
    }

    public static async Task<FieldErrors> SaveScenarioAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, ScenarioInput input, CancellationToken ct)
    {
        RequireRole(me, Roles.CaseOfficer, "Bare saksbehandlere kan lagre scenarioer.");
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > MaxScenarioName)
        {
            errors.Add("name", $"Gi scenarioet et navn på 1 til {MaxScenarioName} tegn.");
        }
        var settings = ReadSettings(input.Settings ?? new AllocationSettingsRequest(), "settings", errors);
        if (errors.Count > 0)
        {
            return errors;
        }
        var round = await OpenDraftAsync(db, view, input.Version, time, ct);
        var scenarios = round.ReadScenarios().Where(s => !string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (scenarios.Count >= MaxScenarios)
        {
            errors.Add("name", $"Du kan ha høyst {MaxScenarios} scenarioer. Slett et før du lagrer et nytt.");
            return errors;
        }
        scenarios.Add(new Scenario(name, StoredSettings.Write(settings!)));
        var now = time.GetUtcNow();
        round.ChangeScenarios(scenarios, me.Actor, now);
        Audit(db, me, now, "allocation.scenario-saved", round, null, new { name, settings });
        await db.SaveChangesAsync(ct);
        return errors;
    }

    public static async Task DeleteScenarioAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, string name, int? version, CancellationToken ct)
    {
        RequireRole(me, Roles.CaseOfficer, "Bare saksbehandlere kan slette scenarioer.");
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var round = await OpenDraftAsync(db, view, version, time, ct);
        var now = time.GetUtcNow();
        round.ChangeScenarios(round.ReadScenarios().Where(s => s.Name != name).ToList(), me.Actor, now);
        Audit(db, me, now, "allocation.scenario-deleted", round, new { name }, null);
        await db.SaveChangesAsync(ct);
    }

    public static async Task SubmitAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? version, CancellationToken ct)
    {
        RequireRole(me, Roles.CaseOfficer, "Bare saksbehandlere kan sende fordelingen til godkjenning.");
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var round = await OpenDraftAsync(db, view, version, time, ct);
        if (view.Blockers() is { Count: > 0 } blockers)
        {
            throw new RuleViolationException("Fordelingen kan ikke sendes til godkjenning ennå: " + string.Join(" ", blockers), "round-not-ready");
        }
        var now = time.GetUtcNow();
        var actor = me.Actor;
        round.SubmitForApproval(actor, view.TotalFinal, now);
        Audit(db, me, now, "allocation.submitted", round, null, new { total = view.TotalFinal, pot = view.PotAmount, lines = view.Lines.Count });
        foreach (var approver in await ApproversAsync(db, view.EmbeteId, ct))
        {
            db.OutboxMessages.Add(OutboxMessage.Email(approver, $"Fordeling til godkjenning: {view.EmbeteName} {year}",
                $"Hei,\n\n{actor.Name ?? actor.Email} har sendt fordelingen av kompetanse- og tjenesteutviklingstilskuddet for {year} til godkjenning.\n\n" +
                $"Foreslått fordelt: {Format.Nok(view.TotalFinal)} av rammen på {Format.Nok(view.PotAmount)}.\n\nLogg inn i KTU for å godkjenne eller sende tilbake.\n", now));
        }
        await db.SaveChangesAsync(ct);
    }

    public static async Task SendBackAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, RoundVersionInput input, CancellationToken ct)
    {
        RequireRole(me, Roles.Approver, "Bare ledere kan sende fordelingen tilbake.");
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > AllocationRound.MaxReasonLength)
        {
            throw new RuleViolationException($"Skriv kort hva som må endres (høyst {AllocationRound.MaxReasonLength} tegn).", "reason-required");
        }
        var round = await AwaitingApprovalAsync(db, me, year, input.Version, ct);
        var now = time.GetUtcNow();
        round.SendBack(me.Actor, reason, now);
        Audit(db, me, now, "allocation.sent-back", round, null, new { reason });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Four eyes: fixes one decision per application, exactly as submitted. The round's version guards the
    /// whole step, and the unique decision per application guards it again, so two approvers at once give
    /// one set of decisions and the pot can never be over-spent.
    /// </summary>
    public static async Task<int> ApproveAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? version, CancellationToken ct)
    {
        RequireRole(me, Roles.Approver, "Bare ledere kan godkjenne fordelingen.");
        var round = await AwaitingApprovalAsync(db, me, year, version, ct);
        var actor = me.Actor;
        if (round.SubmittedByUserId == actor.UserId)
        {
            throw new RuleViolationException("Du sendte selv fordelingen til godkjenning. En annen leder må godkjenne den (fire øyne).", "four-eyes");
        }
        var view = await RoundView.LoadAsync(db, round.EmbeteId, year, ct);
        if (view.Blockers() is { Count: > 0 } blockers)
        {
            throw new RuleViolationException("Fordelingen kan ikke godkjennes: " + string.Join(" ", blockers), "round-not-ready");
        }
        if (view.TotalFinal != round.SubmittedTotal)
        {
            throw new RuleViolationException("Fordelingen er ikke lenger den som ble sendt til godkjenning. Send den tilbake til saksbehandleren.", "round-changed");
        }
        var caseFiles = await db.CaseFiles.AsNoTracking()
            .Where(c => c.EmbeteId == round.EmbeteId && c.SchemeYear == year)
            .ToDictionaryAsync(c => c.ApplicationId, c => (Officer: c.AssignedOfficerId, c.ExtraConditions), ct);
        if (caseFiles.Values.Any(c => c.Officer == actor.UserId))
        {
            throw new RuleViolationException("Du har selv behandlet en av søknadene i fordelingen. En annen leder må godkjenne den (fire øyne).", "four-eyes");
        }

        var now = time.GetUtcNow();
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.EmbeteId == round.EmbeteId && a.SchemeYear == year && a.Status == ApplicationStatus.Submitted)
            .ToDictionaryAsync(a => a.Id, ct);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => applications.Values.Select(a => a.OrganisationId).Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, ct);
        var officerIds = caseFiles.Values.Select(c => c.Officer).OfType<string>().Distinct().ToList();
        var officerUsers = await db.Users.AsNoTracking().Where(u => officerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new Actor(u.Id, u.FullName, u.Email), ct);
        var submitter = new Actor(round.SubmittedByUserId!, round.SubmittedByName, null);
        var made = 0;
        foreach (var group in view.Lines.GroupBy(l => l.ApplicationId))
        {
            var application = applications[group.Key];
            var snapshot = (await db.ApplicationSubmissions.AsNoTracking().Where(s => s.ApplicationId == application.Id).OrderByDescending(s => s.Number).FirstAsync(ct)).ReadSnapshot();
            var caseFile = caseFiles.GetValueOrDefault(application.Id);
            var officer = caseFile.Officer is { } id && officerUsers.TryGetValue(id, out var o) ? o : submitter;
            var lines = group.Select(l => new DecisionLine(l.Line.Id, l.Line.Part, l.Line.Label, l.Line.AmountApplied, l.AmountFinal, l.FinalReason)).ToList();
            var decision = GrantDecision.Make(Guid.NewGuid(), application.Id, round.Id, organisations[application.OrganisationId], year,
                application.Reference ?? "", snapshot.Application.AccountNumber, snapshot.Application.PaymentRemark, lines,
                caseFile.ExtraConditions, officer, actor, now);
            db.GrantDecisions.Add(decision);
            AuditTrail.Record(db, me, now, "decision.made", "application", application.Id.ToString(), application.OrganisationId, application.EmbeteId,
                after: new { decision.Id, decision.AmountApplied, decision.AmountGranted, officer = decision.OfficerName, approver = decision.ApproverName });
            made++;
        }
        round.Approve(actor, now);
        Audit(db, me, now, "allocation.approved", round, null, new { total = view.TotalFinal, pot = view.PotAmount, decisions = made });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The unique decision per application: someone else approved in the same instant.
            throw new RuleViolationException("Fordelingen er allerede godkjent av en annen leder.", "already-approved");
        }
        return made;
    }

    private static async Task<AllocationRound> AwaitingApprovalAsync(AppDbContext db, CurrentUser me, int year, int? version, CancellationToken ct)
    {
        var round = await db.AllocationRounds.SingleOrDefaultAsync(r => r.EmbeteId == me.StaffEmbeteId && r.SchemeYear == year, ct);
        if (round is null || round.Status == RoundStatus.Draft)
        {
            throw new RuleViolationException("Fordelingen er ikke sendt til godkjenning.", "round-not-submitted");
        }
        if (round.Status == RoundStatus.Approved)
        {
            throw new RuleViolationException($"Fordelingen er allerede godkjent av {round.ApprovedByName}.", "already-approved");
        }
        if (version is { } v && v != round.Version)
        {
            throw new RuleViolationException("Fordelingen er endret siden du åpnet den. Last inn siden på nytt.", "edit-conflict");
        }
        return round;
    }

    /// <summary>The round in draft, created on the first change (a second officer creating it at once gets a conflict and reloads).</summary>
    private static async Task<AllocationRound> OpenDraftAsync(AppDbContext db, RoundView view, int? version, TimeProvider time, CancellationToken ct)
    {
        var round = view.Round;
        if (round is null)
        {
            round = AllocationRound.Start(view.EmbeteId, view.Year, time.GetUtcNow());
            db.AllocationRounds.Add(round);
            return round;
        }
        switch (round.Status)
        {
            case RoundStatus.AwaitingApproval:
                throw new RuleViolationException("Fordelingen er sendt til godkjenning og kan ikke endres før en leder har sendt den tilbake.", "round-awaiting-approval");
            case RoundStatus.Approved:
                throw new RuleViolationException("Fordelingen er godkjent, og vedtakene kan ikke endres.", "round-approved");
        }
        if (version is { } v && v != round.Version)
        {
            throw new RuleViolationException($"{round.UpdatedByName ?? "Noen"} har endret fordelingen etter at du åpnet den. Last inn siden på nytt.", "edit-conflict");
        }
        return round;
    }

    private static AllocationSettings? ReadSettings(AllocationSettingsRequest s, string at, FieldErrors errors)
    {
        if (s.ScoreWeights is { } w && w.Count != 5)
        {
            errors.Add($"{at}.scoreWeights", "Oppgi fem vekter, én for hver poengsum fra 1 til 5.");
            return null;
        }
        var settings = s.Over(AllocationSettings.Default);
        foreach (var (field, messages) in AllocationInputGuard.SettingsProblems(settings))
        {
            foreach (var message in messages)
            {
                errors.Add(field.StartsWith("settings", StringComparison.Ordinal) ? field : $"{at}.{field}", message);
            }
        }
        return errors.Count == 0 ? settings : null;
    }

    private static List<LineAdjustment> ReadAdjustments(RoundView view, IReadOnlyList<AdjustmentInput> input, FieldErrors errors)
    {
        var lines = view.Lines.ToDictionary(l => l.Key, StringComparer.Ordinal);
        var result = new List<LineAdjustment>();
        for (var i = 0; i < input.Count; i++)
        {
            var a = input[i];
            var at = $"adjustments[{i}]";
            if (a.LineKey is null || !lines.TryGetValue(a.LineKey, out var line))
            {
                errors.Add($"{at}.lineKey", "Linjen finnes ikke i fordelingen.");
                continue;
            }
            if (a.Amount is null)
            {
                continue;
            }
            if (a.Amount < 0 || a.Amount > line.Line.AmountApplied)
            {
                errors.Add($"{at}.amount", $"Beløpet for «{line.Line.Label}» ({line.Applicant}) må være mellom 0 og det søkte beløpet, {Format.Nok(line.Line.AmountApplied)}.");
                continue;
            }
            if (line.Score == 0 && a.Amount > 0)
            {
                errors.Add($"{at}.amount", $"«{line.Line.Label}» ({line.Applicant}) har 0 poeng og kan ikke få tilskudd. Endre vurderingen først.");
                continue;
            }
            var reason = a.Reason?.Trim() ?? "";
            if (reason.Length == 0)
            {
                errors.Add($"{at}.reason", $"Skriv hvorfor du endrer beløpet for «{line.Line.Label}» ({line.Applicant}). Begrunnelsen står i tilskuddsbrevet.");
                continue;
            }
            if (reason.Length > AllocationRound.MaxReasonLength)
            {
                errors.Add($"{at}.reason", $"Begrunnelsen kan være høyst {AllocationRound.MaxReasonLength} tegn.");
                continue;
            }
            if (result.Any(r => r.LineKey == line.Key))
            {
                errors.Add($"{at}.lineKey", $"«{line.Line.Label}» ({line.Applicant}) er endret to ganger.");
                continue;
            }
            result.Add(new LineAdjustment(line.Key, a.Amount.Value, reason));
        }
        return result;
    }

    private static void Audit(AppDbContext db, CurrentUser me, DateTimeOffset now, string action, AllocationRound round, object? before, object? after) =>
        AuditTrail.Record(db, me, now, action, "allocation-round", round.Id.ToString(), null, round.EmbeteId, before, after);

    private static async Task<List<string>> ApproversAsync(AppDbContext db, string embeteId, CancellationToken ct)
    {
        var role = await db.Roles.Where(r => r.Name == Roles.Approver).Select(r => r.Id).SingleOrDefaultAsync(ct);
        return await db.Users
            .Where(u => u.EmbeteId == embeteId && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role))
            .Select(u => u.Email!).ToListAsync(ct);
    }

    private static void RequireRole(CurrentUser me, string role, string message)
    {
        if (!me.IsInRole(role) || !me.IsEmbeteStaff)
        {
            throw new ForbiddenException(message);
        }
    }
}
