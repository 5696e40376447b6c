using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// The embete's allocation for a year as the officer and the approver see it: every line of every assessed
/// application with the proposal beside the applied amounts, the adjustments, the remaining pot and earmarks,
/// and the saved scenarios side by side. Computed on every read from the assessments, so it is never stale.
/// </summary>
internal sealed record RoundView(
    int Year,
    string EmbeteId,
    string EmbeteName,
    AllocationRound? Round,
    Pot? Pot,
    AllocationSettings Settings,
    IReadOnlyList<RoundLine> Lines,
    IReadOnlyList<NotReady> NotReady,
    IReadOnlyList<EarmarkState> Earmarks,
    IReadOnlyList<ScenarioSummary> Scenarios,
    long PotAmount,
    PotLeft AfterDecisions)
{
    public RoundStatus Status => Round?.Status ?? RoundStatus.Draft;
    public int Number => Round?.Number ?? 1;

    /// <summary>A further round can start once this one is approved and money is left in the pot.</summary>
    public bool CanStartNextRound => Status == RoundStatus.Approved && AfterDecisions.Left > 0;
    public long TotalApplied => Lines.Sum(l => l.Line.AmountApplied);
    public long TotalProposed => Lines.Sum(l => l.AmountProposed);
    public long TotalFinal => Lines.Sum(l => l.AmountFinal);
    public long Remaining => PotAmount - TotalFinal;
    public long GeneralAmount => PotAmount - Earmarks.Sum(e => e.Amount);

    /// <summary>General money left: what lines outside the earmarks (or beyond them) have not taken.</summary>
    public long GeneralLeft => GeneralAmount - (TotalFinal - Earmarks.Sum(e => e.Used));

    /// <summary>Why the allocation cannot be sent for approval or approved now; empty when it can.</summary>
    public IReadOnlyList<string> Blockers()
    {
        var list = new List<string>();
        if (Pot is not { Total: > 0 } || PotAmount <= 0)
        {
            list.Add(AllocationTexts.Blocker_NoPot);
        }
        if (Lines.Count == 0 && NotReady.Count == 0)
        {
            list.Add(AllocationTexts.Blocker_NoApplications);
        }
        if (NotReady.Count > 0)
        {
            list.Add(Format.Text(AllocationTexts.Blocker_NotAssessed, NotReady.Count));
        }
        // An adjustment made before the application was withdrawn and sent again with less, or one given to a line
        // scored 0, must not reach a decision: the submitted application and the assessment set the limits.
        if (Lines.Where(l => l.AmountFinal > l.Line.AmountApplied).Select(l => l.Reference).Distinct().ToList() is { Count: > 0 } above)
        {
            list.Add(Format.Text(AllocationTexts.Blocker_AboveApplied, string.Join(", ", above)));
        }
        if (Lines.Where(l => l.Score == 0 && l.AmountFinal > 0).Select(l => l.Reference).Distinct().ToList() is { Count: > 0 } zero)
        {
            list.Add(Format.Text(AllocationTexts.Blocker_ScoredZero, string.Join(", ", zero)));
        }
        if (TotalFinal > PotAmount)
        {
            // In a further round the pot is what the earlier decisions left: together the rounds never exceed the pot.
            list.Add(Number > 1
                ? Format.Text(AllocationTexts.Blocker_OverPotAllRounds, Format.Nok(TotalFinal - PotAmount), Format.Nok(PotAmount))
                : Format.Text(AllocationTexts.Blocker_OverPot, Format.Nok(TotalFinal - PotAmount)));
        }
        else if (GeneralLeft < 0)
        {
            list.Add(Format.Text(AllocationTexts.Blocker_GeneralOverspent, Format.Nok(-GeneralLeft)));
        }
        return list;
    }

    public static async Task<RoundView> LoadAsync(AppDbContext db, string embeteId, int year, CancellationToken ct)
    {
        var scheme = await db.Reference.SchemeYearAsync(year, ct) ?? throw new NotFoundException(AllocationTexts.SchemeYear_NotFound);
        var embete = await db.Embeter.AsNoTracking().SingleAsync(e => e.Id == embeteId, ct);
        var round = await db.AllocationRounds.Where(r => r.EmbeteId == embeteId && r.SchemeYear == year)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        var pot = scheme.Pots.FirstOrDefault(p => p.EmbeteId == embeteId);
        var settings = StoredSettings.Read(round?.SettingsJson ?? scheme.AllocationSettingsJson);
        var themeNames = scheme.Themes.ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal);
        var earmarks = (pot?.Earmarks ?? []).Select(e => new EarmarkedAmount
        {
            Theme = e.ThemeCode,
            Amount = e.Amount,
            ThemeName = themeNames.GetValueOrDefault(e.ThemeCode),
        }).ToList();

        var (candidates, notReady) = await RoundCandidates.LoadAsync(db, embeteId, year, scheme, ct);

        // Decisions already made: a later round allocates only what they left, over what they did not grant.
        var themes = candidates.ToDictionary(c => c.Key, c => c.Line.Theme, StringComparer.Ordinal);
        var decided = (await db.GrantDecisions.AsNoTracking()
                .Where(d => d.EmbeteId == embeteId && d.SchemeYear == year)
                .Select(d => new { d.ApplicationId, d.AllocationRoundId, d.LinesJson })
                .ToListAsync(ct))
            .SelectMany(d => DecisionJson.DeserializeLines(d.LinesJson).Select(l =>
            {
                var key = AllocationRound.LineKey(d.ApplicationId, l.LineId);
                return (d.AllocationRoundId, Line: new GrantedLine(key, themes.GetValueOrDefault(key), l.AmountGranted));
            }))
            .ToList();
        var potTotal = pot?.Total ?? 0;
        var afterDecisions = PotLeft.Compute(potTotal, earmarks, decided.Select(d => d.Line).ToList());
        var roundPot = potTotal;
        if (round is { Number: > 1 })
        {
            var earlier = PotLeft.Compute(potTotal, earmarks, decided.Where(d => d.AllocationRoundId != round.Id).Select(d => d.Line).ToList());
            var grantedBefore = earlier.GrantedByKey();
            roundPot = earlier.Left;
            earmarks = earlier.EarmarksLeft().ToList();
            candidates = candidates
                .Select(c => grantedBefore.GetValueOrDefault(c.Key) is var g and > 0
                    ? c with { Line = c.Line with { AmountApplied = c.Line.AmountApplied - g }, Amount = Math.Max(0, c.Amount - g) }
                    : c)
                .Where(c => c.Line.AmountApplied > 0)
                .ToList();
        }

        var allocationLines = candidates.Select(c => c.ToAllocationLine()).ToList();
        var result = AllocationProposal.Compute(roundPot, earmarks, allocationLines, settings);
        var proposed = result.Lines.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var adjustments = (round?.ReadAdjustments() ?? []).ToDictionary(a => a.LineKey, StringComparer.Ordinal);

        var lines = candidates.Select(c =>
        {
            var p = proposed[c.Key];
            // An adjustment made on an earlier submission of a withdrawn and resubmitted application no longer counts.
            var adjustment = adjustments.GetValueOrDefault(c.Key) is { } a && !a.IsStaleFor(c.SubmissionNumber) ? a : null;
            return new RoundLine(c.Key, c.ApplicationId, c.Reference, c.Applicant, c.District, c.Line, c.Score, c.Amount, c.Reason,
                p.AmountProposed, p.Outcome, p.Reason, adjustment, c.OfficerName, c.SubmissionNumber, c.AssessedBy, c.AssessedAt);
        }).ToList();

        var earmarkStates = earmarks.Select(e =>
        {
            var forTheme = lines.Where(l => l.Line.Theme == e.Theme).Sum(l => l.AmountFinal);
            var used = Math.Min(e.Amount, forTheme);
            return new EarmarkState(e.Theme, e.ThemeName ?? e.Theme, e.Amount, used, e.Amount - used);
        }).ToList();

        var scenarios = (round?.ReadScenarios() ?? []).Select(s =>
        {
            var st = StoredSettings.Read(s.SettingsJson);
            var r = AllocationProposal.Compute(roundPot, earmarks, allocationLines, st);
            return new ScenarioSummary(s.Name, st, r.TotalProposed, r.Unallocated,
                r.Lines.Count(l => l.AmountProposed > 0 && l.AmountProposed == l.AmountApplied),
                r.Lines.Count(l => l.AmountProposed > 0 && l.AmountProposed < l.AmountApplied),
                r.Lines.Count(l => l.AmountProposed == 0));
        }).ToList();

        return new RoundView(year, embeteId, embete.NameBokmal, round, pot, settings, lines, notReady, earmarkStates, scenarios, roundPot, afterDecisions);
    }
}
