using System.Net;
using System.Text.RegularExpressions;

namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>The links of a server-rendered page, followed as a user would click them.</summary>
public static partial class PageLinks
{
    [GeneratedRegex("""<a\b[^>]*\bhref="([^"]*)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Anchor();

    /// <summary>Every href of an &lt;a&gt; on the page, decoded; an empty href is kept, so a link that rendered as nothing is seen.</summary>
    public static IReadOnlyList<string> Of(string html) =>
        Anchor().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>
    /// Asserts that the page links to each of <paramref name="expected"/> (path and query as rendered), that no link is
    /// empty, and that every link within the app answers 200 to this client (same-page fragments and /scalar aside).
    /// </summary>
    public static async Task AssertAllAnswerAsync(HttpClient client, string html, params string[] expected)
    {
        var links = Of(html);
        Assert.DoesNotContain("", links);
        foreach (var path in expected)
        {
            Assert.True(links.Contains(path), $"The page has no link to {path}; it links to: {string.Join(", ", links)}");
        }
        foreach (var link in links.Where(l => l.StartsWith('/') && !l.StartsWith("/scalar", StringComparison.Ordinal)).Distinct())
        {
            var response = await client.GetAsync(new Uri(link.Split('#')[0], UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {link}: {(int)response.StatusCode}");
        }
    }
}
