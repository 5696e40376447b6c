using System.Reflection;
using Ktu.Web.Domain;
using NetArchTest.Rules;

namespace Ktu.UnitTests.Architecture;

/// <summary>
/// The boundaries of the one web project, checked on the compiled assembly with NetArchTest, which reads the IL: a type
/// used only inside a method body counts, not only one in a signature. Razor views are compiled into
/// AspNetCoreGeneratedDocument.Features_{Area}_..., so they are held to their area's rule as well.
/// </summary>
public sealed class DependencyRulesTests
{
    private const string Root = "Ktu.Web";
    private const string Features = Root + ".Features";
    private static readonly Assembly App = typeof(OrgNumber).Assembly;

    /// <summary>Every feature area, found from the assembly: Ktu.Web.Features.{Area}.</summary>
    public static TheoryData<string> Areas()
    {
        var data = new TheoryData<string>();
        foreach (var area in FeatureAreas())
        {
            data.Add(area);
        }
        return data;
    }

    [Fact]
    public void The_rules_see_the_features_and_their_views()
    {
        // Guards against checking an empty set: the rules below would pass on nothing.
        Assert.Superset(new HashSet<string> { "Applications", "Assessment", "Allocation", "GrantLetters", "Payments", "Audit", "Schemes" }, FeatureAreas().ToHashSet());
        Assert.NotEmpty(ViewsOf("Assessment"));
        Assert.NotEmpty(ViewsOf("Applications"));
    }

    [Fact]
    public void Domain_depends_on_nothing_of_the_app()
    {
        var result = Types.InAssembly(App).That().ResideInNamespace(Root + ".Domain")
            .ShouldNot().HaveDependencyOnAny(Root + ".Data", Features, Root + ".Web", Root + ".Documents")
            .GetResult();
        Assert.True(result.IsSuccessful, Offenders("Domain depends on the app", result));
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("Data")]
    [InlineData("Documents")]
    public void Shared_layers_import_no_feature(string layer)
    {
        var result = Types.InAssembly(App).That().ResideInNamespace($"{Root}.{layer}")
            .ShouldNot().HaveDependencyOn(Features)
            .GetResult();
        Assert.True(result.IsSuccessful, Offenders($"{layer}/ imports a feature", result));
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void A_feature_keeps_to_itself(string area)
    {
        var others = FeatureAreas().Where(a => a != area).Select(a => $"{Features}.{a}").ToArray();
        var code = Types.InAssembly(App).That().ResideInNamespace($"{Features}.{area}")
            .ShouldNot().HaveDependencyOnAny(others)
            .GetResult().FailingTypeNames ?? [];
        Assert.True(!code.Any(), $"Features/{area} uses another feature:\n" + string.Join("\n", code));

        var views = ViewsOf(area).Select(v => v.FullName!).ToHashSet(StringComparer.Ordinal);
        var viewOffenders = Types.InAssembly(App).That().ResideInNamespace("AspNetCoreGeneratedDocument")
            .ShouldNot().HaveDependencyOnAny(others)
            .GetResult().FailingTypeNames?.Where(views.Contains).ToList() ?? [];
        Assert.True(viewOffenders.Count == 0, $"Views of Features/{area} use another feature:\n" + string.Join("\n", viewOffenders));
    }

    [Fact]
    public void The_check_reads_method_bodies()
    {
        // DemoApplications calls Application.Start only inside a method body; the rule must see that dependency.
        var result = Types.InAssembly(App).That().HaveName("DemoApplications")
            .Should().HaveDependencyOn(Root + ".Domain.Applications")
            .GetResult();
        Assert.True(result.IsSuccessful);
        var positive = Types.InAssembly(App).That().ResideInNamespace($"{Features}.Applications")
            .ShouldNot().HaveDependencyOn(Root + ".Web")
            .GetResult();
        Assert.False(positive.IsSuccessful, "The checker found no dependency where there certainly is one.");
    }

    private static IEnumerable<string> FeatureAreas() =>
        App.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(Features + ".", StringComparison.Ordinal))
            .Select(ns => ns[(Features.Length + 1)..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    /// <summary>Compiled Razor views of an area: AspNetCoreGeneratedDocument.Features_{Area}_{Folder}_{Page}.</summary>
    private static List<Type> ViewsOf(string area) =>
        App.GetTypes()
            .Where(t => t.Namespace == "AspNetCoreGeneratedDocument" && t.Name.StartsWith($"Features_{area}_", StringComparison.Ordinal))
            .ToList();

    private static string Offenders(string what, TestResult result) =>
        what + ":\n" + string.Join("\n", result.FailingTypeNames ?? []);
}
