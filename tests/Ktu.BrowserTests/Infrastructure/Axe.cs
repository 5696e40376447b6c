using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ktu.BrowserTests.Infrastructure;

/// <summary>
/// axe-core on the current page. WCAG 2.1 AA is the law for Norwegian public services; the check fails on
/// every violation axe rates "serious" or "critical" and prints them, so they are fixed, not hidden.
/// </summary>
public static class Axe
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {page.Url}; was it injected?");
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, Describe(page.Url, blocking));
    }

    private static string Describe(string url, List<AxeResultItem> violations)
    {
        var text = new StringBuilder($"axe found {violations.Count} serious or critical violation(s) on {url}:");
        foreach (var v in violations)
        {
            text.AppendLine().Append($"- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                text.AppendLine().Append($"    at {node.Target}: {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var message in checks.Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m)))
                {
                    text.AppendLine().Append("      ").Append(message);
                }
            }
        }
        return text.ToString();
    }
}
