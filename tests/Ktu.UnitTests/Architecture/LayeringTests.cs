using System.Reflection;
using Ktu.Web.Domain;

namespace Ktu.UnitTests.Architecture;

/// <summary>Domain holds entities, value types and rules; it must not reach into Data, Features or Web.</summary>
public sealed class LayeringTests
{
    private static readonly string[] Forbidden = ["Ktu.Web.Data", "Ktu.Web.Features", "Ktu.Web.Web"];

    [Fact]
    public void Domain_does_not_depend_on_data_features_or_web()
    {
        var domainTypes = typeof(OrgNumber).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Ktu.Web.Domain", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Contains(typeof(SchemeYear), domainTypes); // guards against checking an empty set

        var offenders = domainTypes
            .SelectMany(t => ReferencedTypes(t).Select(r => (Type: t, Ref: r)))
            .Where(x => x.Ref.Namespace is { } ns && Forbidden.Any(f => ns.StartsWith(f, StringComparison.Ordinal)))
            .Select(x => $"{x.Type.FullName} -> {x.Ref.FullName}")
            .Distinct()
            .ToList();
        Assert.True(offenders.Count == 0, "Domain depends on outer layers:\n" + string.Join("\n", offenders));
    }

    private static IEnumerable<Type> ReferencedTypes(Type t)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (t.BaseType is not null) yield return t.BaseType;
        foreach (var i in t.GetInterfaces()) yield return i;
        foreach (var f in t.GetFields(all)) yield return f.FieldType;
        foreach (var p in t.GetProperties(all)) yield return p.PropertyType;
        foreach (var m in t.GetMethods(all))
        {
            yield return m.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
        }
        foreach (var c in t.GetConstructors(all))
        {
            foreach (var p in c.GetParameters()) yield return p.ParameterType;
        }
    }
}
