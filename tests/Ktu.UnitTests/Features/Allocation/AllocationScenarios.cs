using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Allocation;

namespace Ktu.UnitTests.Features.Allocation;

/// <summary>One what-if: the input to <see cref="AllocationProposal.Compute"/>, printed readably when a property fails.</summary>
internal sealed record Scenario(long Pot, IReadOnlyList<EarmarkedAmount> Earmarks, IReadOnlyList<AllocationLine> Lines, AllocationSettings Settings)
{
    public AllocationResult Compute() => AllocationProposal.Compute(Pot, Earmarks, Lines, Settings);

    public long Earmarked => Earmarks.Sum(e => e.Amount);

    /// <summary>True when the general money covers every eligible line beyond what the earmarks can cover.</summary>
    public bool PotIsEnough => Pot - Earmarked >= Need;

    /// <summary>General money needed to fund every eligible line in full.</summary>
    public long Need
    {
        get
        {
            var eligible = Lines.Where(l => l.Score > 0 && l.AmountApplied > 0).ToList();
            return eligible.Sum(l => l.AmountApplied)
                - Earmarks.Sum(e => Math.Min(e.Amount, eligible.Where(l => l.Theme == e.Theme).Sum(l => l.AmountApplied)));
        }
    }

    public override string ToString()
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"pot {Pot}; earmarks [{string.Join(", ", Earmarks.Select(e => $"{e.Theme} {e.Amount}"))}]; ");
        var s = Settings;
        b.Append(CultureInfo.InvariantCulture, $"weights [{string.Join(",", s.ScoreWeights)}] district {s.DistrictWeightPercent}% min {s.MinimumAmount} unit {s.RoundingUnit}");
        foreach (var l in Lines)
        {
            var what = l.Kind switch
            {
                LineKind.Competence => $"competence {l.EducationType}{(l.Continuation ? " continuation" : " new")}",
                LineKind.Bpa => $"bpa {l.BpaRole}",
                _ => "project",
            };
            b.Append(CultureInfo.InvariantCulture, $"\n  {l.Id}: {what} theme {l.Theme ?? "-"} {(l.District ? "district " : "")}applied {l.AmountApplied} score {l.Score}");
        }
        return b.ToString();
    }
}

/// <summary>How big the pot is against what is applied for.</summary>
internal enum PotSize
{
    Any,
    Small,
    Short,
    Enough,
}

/// <summary>Generators of valid scenarios: a few dozen lines of every kind, themes with and without earmarks, varied settings.</summary>
internal static class AllocationScenarios
{
    private static readonly string[] EducationTypes = ["vgs", "bachelor", "videreutdanning"];
    private static readonly string[] Themes = ["avlastning", "forebygging", "ernaering"];
    private static readonly string[] EarmarkThemes = ["avlastning", "forebygging"];

    /// <summary>Whole kroner up to 300 000, mostly whole thousands, sometimes not.</summary>
    private static Gen<long> Amount(int maxThousands) =>
        from thousands in Gen.Choose(0, maxThousands)
        from odd in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 999)))
        select thousands * 1000L + odd;

    public static Gen<AllocationLine> Line(string id) =>
        from kind in Gen.Elements(LineKind.Competence, LineKind.Bpa, LineKind.Project)
        from education in Gen.Elements(EducationTypes)
        from role in Gen.Elements(BpaRole.WorkLeader, BpaRole.Caseworker, BpaRole.Assistant)
        from theme in Gen.Frequency((2, Gen.Constant<string?>(null)), (2, Gen.Elements<string?>(Themes)))
        from continuation in Gen.Elements(true, false)
        from district in Gen.Elements(true, false)
        from applied in Gen.Frequency((1, Gen.Constant(0L)), (12, Amount(300)))
        from score in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 5)))
        from applicant in Gen.Elements("Trondheim", "Røros", "Frøya", "Levanger", "Osen")
        select new AllocationLine
        {
            Id = id,
            Applicant = applicant,
            Kind = kind,
            EducationType = kind == LineKind.Competence ? education : null,
            BpaRole = kind == LineKind.Bpa ? role : null,
            // Mostly projects carry themes, but the computation must not care.
            Theme = kind == LineKind.Project || continuation ? theme : null,
            Continuation = continuation,
            District = district,
            AmountApplied = applied,
            Score = score,
        };

    /// <summary>Ids in an order unrelated to the order the lines are made in.</summary>
    public static Gen<List<AllocationLine>> Lines(int maxCount) =>
        from count in Gen.Choose(0, maxCount)
        from order in Gen.Shuffle(Enumerable.Range(0, count))
        from lines in Gen.CollectToList(order, i => Line("L" + i.ToString(CultureInfo.InvariantCulture)))
        select lines;

    public static Gen<List<EarmarkedAmount>> Earmarks =>
        from themes in Gen.SubListOf(EarmarkThemes)
        from amounts in Gen.CollectToList(themes, _ => Amount(200))
        select themes.Select((t, i) => new EarmarkedAmount { Theme = t, Amount = amounts[i] }).ToList();

    public static Gen<AllocationSettings> Settings =>
        Gen.Frequency(
            (1, Gen.Constant(AllocationSettings.Default)),
            (2, from weights in Gen.Choose(1, 200).ArrayOf(5)
                from district in Gen.Choose(100, 300)
                from minimum in Gen.Elements(0L, 5_000L, 10_000L, 50_000L)
                from unit in Gen.Elements(1L, 100L, 1_000L, 10_000L)
                select new AllocationSettings { ScoreWeights = weights, DistrictWeightPercent = district, MinimumAmount = minimum, RoundingUnit = unit }));

    private static Gen<long> Pot(PotSize size, long earmarked, long applied, long need) => size switch
    {
        PotSize.Small => from extra in Amount(50) select earmarked + extra,
        PotSize.Short => from percent in Gen.Choose(5, 95) select earmarked + (need * percent / 100),
        PotSize.Enough => Gen.Frequency(
            (1, Gen.Constant(earmarked + need)),
            (2, from extra in Amount(100) select earmarked + need + extra)),
        _ => Gen.OneOf(
            Pot(PotSize.Small, earmarked, applied, need),
            Pot(PotSize.Short, earmarked, applied, need),
            Pot(PotSize.Enough, earmarked, applied, need),
            from percent in Gen.Choose(0, 150) select earmarked + (applied * percent / 100)),
    };

    public static Gen<Scenario> Scenarios(PotSize size = PotSize.Any, int maxLines = 40) =>
        from lines in Lines(maxLines)
        from earmarks in Earmarks
        from settings in Settings
        let probe = new Scenario(0, earmarks, lines, settings)
        from pot in Pot(size, probe.Earmarked, lines.Sum(l => l.AmountApplied), probe.Need)
        select probe with { Pot = pot };

    public static Arbitrary<Scenario> Any(PotSize size = PotSize.Any) => Scenarios(size).ToArbitrary();
}
