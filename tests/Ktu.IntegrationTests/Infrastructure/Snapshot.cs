using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>
/// Compares a JSON document with a committed snapshot in tests/Ktu.IntegrationTests/Snapshots, so every
/// change shows in the diff. UPDATE_SNAPSHOTS=1 rewrites the snapshot instead of failing.
/// </summary>
public static class Snapshot
{
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep æ, ø, å readable in the diff
    };

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") is "1" or "true";

    /// <summary>Objects' properties sorted by name, arrays kept in order, indented, LF line ends, final newline.</summary>
    public static string Normalise(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new InvalidOperationException("The document is JSON null.");
        return Sorted(node)!.ToJsonString(Output).ReplaceLineEndings("\n") + "\n";
    }

    public static void MatchJson(string actualJson, string fileName, [CallerFilePath] string callerPath = "")
    {
        var actual = Normalise(actualJson);
        var path = Path.Combine(Directory(callerPath), fileName);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path))
        {
            Assert.Fail($"Snapshot {path} does not exist. Run the tests with UPDATE_SNAPSHOTS=1 to create it, then review and commit it.");
        }
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }
        var received = Path.ChangeExtension(path, ".received.json");
        File.WriteAllText(received, actual);
        Assert.Fail(
            $"The document differs from the snapshot {path}.\n{FirstDifference(expected, actual)}\n" +
            $"The new document is in {received}. If the change is intended, run the tests with UPDATE_SNAPSHOTS=1 " +
            "and commit the updated snapshot.");
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of snapshot>";
            var al = i < a.Length ? a[i] : "<end of document>";
            if (el != al)
            {
                return $"First difference at line {i + 1}:\n  snapshot: {el.Trim()}\n  now:      {al.Trim()}";
            }
        }
        return "The documents differ only in line ends.";
    }

    /// <summary>The Snapshots folder next to the test sources: found from the repository root, else from this file.</summary>
    private static string Directory(string callerPath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ktu.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "Ktu.IntegrationTests", "Snapshots");
            }
        }
        var project = Path.GetDirectoryName(Path.GetDirectoryName(callerPath))!;
        return Path.Combine(project, "Snapshots");
    }
}
