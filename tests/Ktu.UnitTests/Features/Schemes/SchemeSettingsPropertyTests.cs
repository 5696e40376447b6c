using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ktu.UnitTests.Domain.Applications;
using Ktu.UnitTests.Features.Allocation;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Features.Allocation;
using Ktu.Web.Features.Schemes;

namespace Ktu.UnitTests.Features.Schemes;

/// <summary>
/// Random settings set through the directorate's edit (<see cref="EditSchemeYear"/>) → the application rules and the allocation
/// obey them: nothing about a year's rules is a code branch.
/// </summary>
public sealed class SchemeSettingsPropertyTests
{
    private static readonly string[] Kinds = [.. SchemeCodes.Kinds.Select(k => k.Code)];
    private static readonly string[] Parts = [.. SchemeCodes.Parts.Select(p => p.Code)];
    private static readonly string[] EducationCodes = SchemeSeed.Year2025().EducationTypes.Select(e => e.Code).ToArray();

    private static Gen<List<T>> SubsetOf<T>(T[] items) =>
        Gen.ListOf(Gen.Elements(true, false), items.Length).Select(picks => items.Where((_, i) => picks[i]).ToList());

    private static Gen<SchemeYearInput> Settings() =>
        from maxProjects in Gen.Choose(0, 8)
        from threshold in Gen.Choose(0, 1_000_000)
        from above in Gen.Elements(true, false)
        from rules in Gen.CollectToList(Kinds, kind =>
            from parts in SubsetOf(Parts)
            from only in Gen.Frequency((2, Gen.Constant(new List<string>())), (1, SubsetOf(EducationCodes)))
            select new ApplicantRuleInput(kind, kind == "municipality" && parts.Count == 0 ? ["competence"] : parts, only))
        from weights in Gen.ListOf(Gen.Choose(1, 1000), 5)
        from district in Gen.Choose(100, 1000)
        from minimum in Gen.Choose(0, 100_000)
        from rounding in Gen.Choose(1, 10_000)
        select new SchemeYearInput
        {
            MaxProjects = maxProjects,
            AuditorThreshold = threshold,
            AuditorComparison = above ? "above" : "atLeast",
            ApplicantRules = rules.ToList(),
            AllocationDefaults = new AllocationDefaultsInput(weights.ToList(), district, minimum, rounding),
        };

    private static SchemeYear Edited(SchemeYearInput input)
    {
        var year = SchemeSeed.Year2025();
        var errors = EditSchemeYear.Problems(year, input);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        EditSchemeYear.Apply(year, input);
        return year;
    }

    [Property(MaxTest = 150)]
    public Property The_application_rules_follow_the_years_project_limit_parts_and_education_types() =>
        Prop.ForAll(
            (from input in Settings()
             from projects in Gen.Choose(0, 8)
             from education in Gen.Elements(EducationCodes)
             from kindCode in Gen.Elements(Kinds)
             select (input, projects, education, kindCode)).ToArbitrary(),
            c =>
            {
                var (input, projects, education, kindCode) = c;
                var year = Edited(input);
                var kind = SchemeCodes.KindOf(kindCode)!.Value;
                var parts = year.PartsFor(kind);
                var content = Examples.Complete() with
                {
                    Projects = Enumerable.Range(1, projects).Select(Examples.Project).ToList(),
                    CompetenceMeasures = [Examples.Complete().CompetenceMeasures[0] with { EducationType = education }],
                };
                var context = new ApplicationRuleContext(year, kind, year.ApplicationDeadline, year.ApplicationDeadline.AddDays(-30));
                var codes = ApplicationRules.Check(content, context).Where(i => i.Severity == IssueSeverity.Error).Select(i => (i.Field, i.Code)).ToList();

                var tooMany = codes.Any(c => c.Code == "too-many-projects");
                var projectsRefused = codes.Contains(("projects", "part-not-offered"));
                var competenceRefused = codes.Contains(("competenceMeasures", "part-not-offered"));
                var notOffered = codes.Any(c => c.Code == "education-type-not-offered");
                var offered = year.EducationTypesFor(kind).Any(e => e.Code == education);

                Assert.Equal(projects > year.MaxProjects, tooMany);
                Assert.Equal(!parts.HasFlag(ApplicationParts.Projects) && projects > 0, projectsRefused);
                Assert.Equal(!parts.HasFlag(ApplicationParts.Competence), competenceRefused);
                Assert.Equal(!offered, notOffered);
                Assert.Equal(input.MaxProjects, year.MaxProjects);
            });

    [Property(MaxTest = 150)]
    public Property The_auditor_requirement_follows_the_years_threshold_and_wording() =>
        Prop.ForAll(Settings().ToArbitrary(), Gen.Choose(0, 2_000_000).ToArbitrary(), (input, total) =>
        {
            var year = Edited(input);
            var expected = input.AuditorComparison == "above" ? total > input.AuditorThreshold : total >= input.AuditorThreshold;
            Assert.Equal(expected, AuditorRequiredFromThreshold.Applies(year, total));
        });

    [Property(MaxTest = 100)]
    public Property The_allocation_starts_from_the_years_defaults_and_stays_within_the_embetes_pot() =>
        Prop.ForAll(
            (from input in Settings()
             from lines in AllocationScenarios.Lines(20)
             from amount in Gen.Choose(0, 5_000_000)
             from transferred in Gen.Choose(0, 1_000_000)
             select (input, lines, amount, transferred)).ToArbitrary(),
            c =>
            {
                var (input, lines, amount, transferred) = c;
                var year = Edited(input);
                var pot = year.Pots.Single();
                pot.Amount = amount;
                pot.TransferredAmount = transferred;
                pot.Earmarks.Clear();

                // What the allocation reads for a round that has no settings of its own.
                var settings = StoredSettings.Read(year.AllocationSettingsJson);
                var d = input.AllocationDefaults!;
                Assert.Equal(d.ScoreWeights, settings.ScoreWeights);
                Assert.Equal(d.DistrictWeightPercent, settings.DistrictWeightPercent);
                Assert.Equal(d.MinimumAmount, settings.MinimumAmount);
                Assert.Equal(d.RoundingUnit, settings.RoundingUnit);

                var result = AllocationProposal.Compute(year.PotTotal(pot.EmbeteId), [], lines, settings);
                Assert.True(result.TotalProposed <= amount + transferred);
                Assert.All(result.Lines, l => Assert.True(l.AmountProposed <= l.AmountApplied));
                Assert.All(result.Lines.Where(l => l.AmountProposed is > 0 && l.AmountProposed < l.AmountApplied),
                    l => Assert.True(l.AmountProposed >= settings.MinimumAmount));
            });
}
