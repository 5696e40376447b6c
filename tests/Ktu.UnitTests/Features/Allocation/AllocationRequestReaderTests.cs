using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Allocation;

namespace Ktu.UnitTests.Features.Allocation;

/// <summary>Reading a what-if request: every missing or wrong field is named, in Norwegian.</summary>
public sealed class AllocationRequestReaderTests
{
    private static AllocationLineRequest Line(string id = "a") => new()
    {
        Id = id,
        Applicant = "Trondheim",
        Kind = "project",
        Continuation = false,
        District = false,
        AmountApplied = 100_000,
        Score = 3,
    };

    private static Dictionary<string, string> Problems(AllocationProposalRequest request)
    {
        var problems = Assert.IsType<AllocationRequestReader.Invalid>(AllocationRequestReader.Read(request)).Errors;
        return problems.ToDictionary(p => p.Key, p => string.Join(" ", p.Value));
    }

    [Fact]
    public void A_complete_request_is_read_with_default_settings_for_what_it_leaves_out()
    {
        var read = AllocationRequestReader.Read(new()
        {
            Pot = 500_000,
            Earmarks = [new() { Theme = " Avlastning ", Amount = 100_000 }],
            Lines = [Line() with { Kind = "competence", EducationType = "VGS", Theme = "avlastning" }],
            Settings = new() { MinimumAmount = 0 },
        });
        var input = Assert.IsType<AllocationRequestReader.Readable>(read).Input;
        Assert.Equal("avlastning", input.Earmarks[0].Theme);
        Assert.Equal("vgs", input.Lines[0].EducationType);
        Assert.Equal(0, input.Settings.MinimumAmount);
        Assert.Equal(AllocationSettings.Default.ScoreWeights, input.Settings.ScoreWeights);
        Assert.Equal(AllocationSettings.Default.RoundingUnit, input.Settings.RoundingUnit);
    }

    [Fact]
    public void Missing_fields_are_named_one_by_one()
    {
        var p = Problems(new() { Lines = [new AllocationLineRequest { Id = "a", Applicant = "Osen" }, null] });
        Assert.Equal("Oppgi rammen i hele kroner.", p["pot"]);
        Assert.StartsWith("Oppgi type: competence", p["lines[0].kind"], StringComparison.Ordinal);
        Assert.Equal("Oppgi søkt beløp i hele kroner.", p["lines[0].amountApplied"]);
        Assert.Equal("Oppgi poeng fra vurderingen, et helt tall fra 0 til 5.", p["lines[0].score"]);
        Assert.Contains("videreføring", p["lines[0].continuation"], StringComparison.Ordinal);
        Assert.Contains("distriktskommune", p["lines[0].district"], StringComparison.Ordinal);
        Assert.Equal("Linjen er tom.", p["lines[1]"]);
    }

    [Fact]
    public void Lines_are_required()
    {
        Assert.Equal("Oppgi linjene som skal fordeles.", Problems(new() { Pot = 1 })["lines"]);
    }

    [Fact]
    public void An_unknown_kind_or_bpa_role_is_refused()
    {
        var p = Problems(new() { Pot = 1, Lines = [Line() with { Kind = "innovation" }, Line("b") with { Kind = "bpa", BpaRole = "boss" }] });
        Assert.StartsWith("Ukjent type «innovation».", p["lines[0].kind"], StringComparison.Ordinal);
        Assert.StartsWith("Ukjent BPA-rolle «boss».", p["lines[1].bpaRole"], StringComparison.Ordinal);
    }

    [Fact]
    public void Each_kind_needs_its_own_field()
    {
        var p = Problems(new() { Pot = 1, Lines = [Line() with { Kind = "competence" }, Line("b") with { Kind = "bpa" }] });
        Assert.Equal("Oppgi utdanningstypen for kompetansetiltaket.", p["lines[0].educationType"]);
        Assert.StartsWith("Oppgi hvem BPA-opplæringen gjelder", p["lines[1].bpaRole"], StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_amounts_scores_outside_zero_to_five_and_reused_ids_are_refused()
    {
        var p = Problems(new()
        {
            Pot = -1,
            Earmarks = [new() { Theme = "avlastning", Amount = -5 }],
            Lines = [Line() with { AmountApplied = -1 }, Line() with { Score = 6 }],
        });
        Assert.Equal("Beløpet kan ikke være negativt.", p["pot"]);
        Assert.Equal("Beløpet kan ikke være negativt.", p["earmarks[0].amount"]);
        Assert.Equal("Beløpet kan ikke være negativt.", p["lines[0].amountApplied"]);
        Assert.Equal("Poeng må være et helt tall fra 0 til 5.", p["lines[1].score"]);
        Assert.StartsWith("Id-en «a» er brukt på flere linjer.", p["lines[1].id"], StringComparison.Ordinal);
    }

    [Fact]
    public void Earmarks_cannot_exceed_the_pot_or_name_a_theme_twice()
    {
        var p = Problems(new()
        {
            Pot = 100_000,
            Earmarks = [new() { Theme = "avlastning", Amount = 80_000 }, new() { Theme = "avlastning", Amount = 30_000 }],
            Lines = [],
        });
        Assert.StartsWith("De øremerkede beløpene er til sammen kr 110 000, mer enn rammen på kr 100 000.", p["earmarks"], StringComparison.Ordinal);
        Assert.StartsWith("Temaet «avlastning» er øremerket mer enn én gang.", p["earmarks[1].theme"], StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_five_thousand_lines_are_refused()
    {
        var lines = Enumerable.Range(0, 5001).Select(i => (AllocationLineRequest?)Line($"l{i}")).ToList();
        Assert.Equal("Et forslag kan ha høyst 5000 linjer. Send bare linjene som skal fordeles, eller del dem opp.", Problems(new() { Pot = 1, Lines = lines })["lines"]);
    }

    [Fact]
    public void Settings_outside_their_ranges_are_refused()
    {
        var p = Problems(new()
        {
            Pot = 1,
            Lines = [],
            Settings = new() { ScoreWeights = [1, 2, 3], DistrictWeightPercent = 50, MinimumAmount = -1, RoundingUnit = 0 },
        });
        Assert.Equal(["settings.districtWeightPercent", "settings.minimumAmount", "settings.roundingUnit", "settings.scoreWeights"], p.Keys.Order());
    }
}
