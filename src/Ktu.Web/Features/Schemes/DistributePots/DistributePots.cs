using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>
/// The directorate sets the year's national amount and gives each embete its pot: an amount with earmarks, and money
/// transferred from earlier years as a line of its own. The amounts can never add up to more than the national amount,
/// and a pot can never fall below what its embete has already allocated and had approved. Audited with before and after.
/// </summary>
internal static class DistributePots
{
    internal abstract record Outcome;
    internal sealed record Distributed(SchemeYear Scheme) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder schemes)
    {
        schemes.MapPut("/{year:int}/pots", EndpointAsync)
            .RequireAuthorization(Policies.Directorate)
            .WithSummary("Sett nasjonal ramme og fordel den på embetene (beløp, øremerking og overførte midler).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Ok<SchemeDto>, ValidationProblem>> EndpointAsync(
        int year, [FromBody] PotsInput? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, me, time, year, body ?? new PotsInput(), ct) switch
        {
            Distributed d => TypedResults.Ok(SchemesApi.ToDto(d.Scheme, time.GetUtcNow())),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, PotsInput input, CancellationToken ct)
    {
        var scheme = await SchemeYearChanges.LoadAsync(db, year, ct);
        SchemeYearChanges.RequireVersion(scheme, input.Version);
        var embeter = await db.Embeter.Select(e => e.Id).ToListAsync(ct);
        var approved = await db.AllocationRounds
            .Where(r => r.SchemeYear == year && r.Status == RoundStatus.Approved)
            .Select(r => new { r.EmbeteId, r.SubmittedTotal })
            .ToListAsync(ct);
        var errors = Problems(scheme, input, embeter);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        CheckSums(input, approved.GroupBy(a => a.EmbeteId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(a => a.SubmittedTotal ?? 0), StringComparer.Ordinal));
        var before = Snapshot(scheme);
        Apply(scheme, input);
        scheme.Version++;
        SchemeYearChanges.Audit(db, me, time.GetUtcNow(), "scheme.pots-distributed", scheme, before, Snapshot(scheme));
        await SchemeYearChanges.SaveAsync(db, ct);
        return new Distributed(scheme);
    }

    /// <summary>Checks and applies a distribution without a user: the seed enters the public figures this way.</summary>
    public static void ApplyChecked(SchemeYear scheme, PotsInput input, IReadOnlyCollection<string> embeter)
    {
        var errors = Problems(scheme, input, embeter);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid pots: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        }
        CheckSums(input, new Dictionary<string, long>(StringComparer.Ordinal));
        Apply(scheme, input);
    }

    internal static FieldErrors Problems(SchemeYear scheme, PotsInput input, IReadOnlyCollection<string> embeter)
    {
        var e = new FieldErrors();
        if (input.NationalAmount is not { } national || national is < 0 or > AllocationSettings.MaxAmount)
        {
            e.Add("nationalAmount", Format.Text(SchemeTexts.Pots_Amount, Format.Nok(AllocationSettings.MaxAmount)));
        }
        var pots = input.Pots ?? [];
        if (pots.Count > embeter.Count)
        {
            e.Add("pots", SchemeTexts.Pots_TooMany);
            return e;
        }
        var earmarkable = scheme.Themes.Where(t => t.Earmarked).Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pots.Count; i++)
        {
            var p = pots[i];
            var at = $"pots[{i}]";
            if (p.Embete is null || !embeter.Contains(p.Embete))
            {
                e.Add($"{at}.embete", SchemeTexts.Pots_EmbeteUnknown);
            }
            else if (!seen.Add(p.Embete))
            {
                e.Add($"{at}.embete", SchemeTexts.Pots_EmbeteTwice);
            }
            Amount(e, $"{at}.amount", p.Amount);
            Amount(e, $"{at}.transferred", p.Transferred);
            var marks = p.Earmarks ?? [];
            var themes = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < marks.Count && j < EditSchemeYear.MaxListItems; j++)
            {
                var m = marks[j];
                if (m.Theme is null || !earmarkable.Contains(m.Theme))
                {
                    e.Add($"{at}.earmarks[{j}].theme", SchemeTexts.Pots_ThemeNotEarmarked);
                }
                else if (!themes.Add(m.Theme))
                {
                    e.Add($"{at}.earmarks[{j}].theme", SchemeTexts.Pots_ThemeTwice);
                }
                Amount(e, $"{at}.earmarks[{j}].amount", m.Amount);
            }
            if (marks.Count > EditSchemeYear.MaxListItems)
            {
                e.Add($"{at}.earmarks", Format.Text(SchemeTexts.Edit_ListSize, EditSchemeYear.MaxListItems));
            }
            else if (p.Amount is >= 0 and <= AllocationSettings.MaxAmount && p.Transferred is >= 0 and <= AllocationSettings.MaxAmount
                && marks.All(m => m.Amount is >= 0 and <= AllocationSettings.MaxAmount) && marks.Sum(m => m.Amount) > p.Amount + p.Transferred)
            {
                e.Add($"{at}.earmarks", Format.Text(SchemeTexts.Pots_EarmarksAbovePot, Format.Nok(marks.Sum(m => m.Amount)), Format.Nok(p.Amount + p.Transferred)));
            }
        }
        return e;
    }

    private static void Amount(FieldErrors e, string field, long amount)
    {
        if (amount is < 0 or > AllocationSettings.MaxAmount)
        {
            e.Add(field, Format.Text(SchemeTexts.Pots_Amount, Format.Nok(AllocationSettings.MaxAmount)));
        }
    }

    /// <summary>The rules across pots, given valid input: the national amount holds them all, and no pot falls below what its embete has had approved.</summary>
    private static void CheckSums(PotsInput input, IReadOnlyDictionary<string, long> approvedTotals)
    {
        var national = input.NationalAmount!.Value;
        var pots = input.Pots ?? [];
        var sum = pots.Sum(p => p.Amount);
        if (sum > national)
        {
            throw new RuleViolationException(
                Format.Text(SchemeTexts.Pots_AboveNational, Format.Nok(sum), Format.Nok(national), Format.Nok(sum - national)),
                "pots-above-national",
                new Dictionary<string, object?> { ["difference"] = sum - national });
        }
        foreach (var (embete, total) in approvedTotals)
        {
            var pot = pots.FirstOrDefault(p => p.Embete == embete);
            var potTotal = pot is null ? 0 : pot.Amount + pot.Transferred;
            if (potTotal < total)
            {
                throw new RuleViolationException(
                    Format.Text(SchemeTexts.Pots_BelowApproved, embete, Format.Nok(potTotal), Format.Nok(total)),
                    "pot-below-approved",
                    new Dictionary<string, object?> { ["difference"] = total - potTotal });
            }
        }
    }

    private static void Apply(SchemeYear scheme, PotsInput input)
    {
        scheme.NationalAmount = input.NationalAmount;
        var wanted = (input.Pots ?? []).ToDictionary(p => p.Embete!, StringComparer.Ordinal);
        foreach (var pot in scheme.Pots.Where(p => !wanted.ContainsKey(p.EmbeteId)).ToList())
        {
            // A pot with the embete's own deadlines or approved transfers stays, empty of the directorate's money, so they are not lost.
            if (pot.ApplicationDeadline is null && pot.ReportDeadline is null && pot.ReportOpensOn is null && pot.ApprovedTransfers == 0)
            {
                scheme.Pots.Remove(pot);
            }
            else
            {
                pot.Amount = 0;
                pot.TransferredAmount = 0;
                pot.IsDemoFigure = false;
                pot.Earmarks.Clear();
            }
        }
        foreach (var (embete, p) in wanted)
        {
            var pot = scheme.Pots.FirstOrDefault(x => x.EmbeteId == embete);
            if (pot is null)
            {
                pot = new Pot { EmbeteId = embete };
                scheme.Pots.Add(pot);
            }
            pot.Amount = p.Amount;
            pot.TransferredAmount = p.Transferred;
            pot.IsDemoFigure = p.DemoFigure;
            var marks = (p.Earmarks ?? []).Where(m => m.Amount > 0).ToDictionary(m => m.Theme!, m => m.Amount, StringComparer.Ordinal);
            pot.Earmarks.RemoveAll(m => !marks.ContainsKey(m.ThemeCode));
            foreach (var (theme, amount) in marks)
            {
                var mark = pot.Earmarks.FirstOrDefault(m => m.ThemeCode == theme);
                if (mark is null)
                {
                    pot.Earmarks.Add(new Earmark { ThemeCode = theme, Amount = amount });
                }
                else
                {
                    mark.Amount = amount;
                }
            }
        }
    }

    internal static object Snapshot(SchemeYear s) => new
    {
        nationalAmount = s.NationalAmount,
        pots = s.Pots.OrderBy(p => p.EmbeteId, StringComparer.Ordinal).Select(p => new
        {
            embete = p.EmbeteId,
            amount = p.Amount,
            transferred = p.TransferredAmount,
            demoFigure = p.IsDemoFigure,
            earmarks = p.Earmarks.OrderBy(m => m.ThemeCode, StringComparer.Ordinal).Select(m => new { theme = m.ThemeCode, amount = m.Amount }).ToList(),
        }).ToList(),
    };
}
