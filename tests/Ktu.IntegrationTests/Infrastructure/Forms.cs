using System.Net;
using System.Text.RegularExpressions;

namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>Server-rendered forms over HTTP: fetch the page, take its antiforgery token, post the fields.</summary>
public static partial class Forms
{
    public const string TokenField = "__RequestVerificationToken";

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex TokenInput();

    [GeneratedRegex(@"\bvalue=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var input = TokenInput().Match(html);
        if (!input.Success)
        {
            throw new InvalidOperationException("The page has no antiforgery token field.");
        }
        var value = ValueAttribute().Match(input.Value);
        return WebUtility.HtmlDecode(value.Groups[1].Value);
    }

    /// <summary>GETs the page at <paramref name="path"/>, then POSTs the fields with its antiforgery token to the same path.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string path, IReadOnlyDictionary<string, string> fields)
    {
        using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} gave {(int)page.StatusCode}; expected the form page.");
        }
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var body = new Dictionary<string, string>(fields) { [TokenField] = token };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>The page as text with HTML entities decoded (Razor encodes æ, ø and å).</summary>
    public static async Task<string> ReadTextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>Where a redirect points, as a path (the cookie handler writes absolute URLs).</summary>
    public static string RedirectPath(this HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} without a Location header.");
        return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
    }
}
