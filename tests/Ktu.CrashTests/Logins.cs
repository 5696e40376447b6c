using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ktu.CrashTests;

/// <summary>A bearer token and when it was asked for (the local clock before the login was sent) and runs out.</summary>
internal sealed record Token(string Value, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>Why the app may have answered 401 to a token.</summary>
internal enum Rejection
{
    /// <summary>Issued moments ago: the app must accept it, so the 401 is a problem.</summary>
    Fresh,

    /// <summary>Past its expiresIn: log in again.</summary>
    Expired,

    /// <summary>Not fresh and not expired: revoked, or signed with a key the app no longer has. Log in again.</summary>
    BeforeExpiry,
}

/// <summary>
/// Bearer tokens per user, kept across cycles (so tokens issued before a kill are used after the restart), and
/// logging in again when one is refused with 401. The app's tokens last an hour and a soak runs longer, so a
/// 401 to an expired (or revoked) token only means logging in again; a 401 to a token issued less than
/// <see cref="FreshFor"/> ago is a problem. Re-logins are counted by reason.
/// </summary>
internal sealed class Logins
{
    public const string Password = "Demo-2025!";

    /// <summary>A token younger than this must work: the app's tokens last an hour.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Token> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _problems = new();
    private int _issued;
    private int _afterExpiry;
    private int _beforeExpiry;

    /// <summary>Logins that succeeded, the first ones included.</summary>
    public int Issued => Volatile.Read(ref _issued);

    /// <summary>Logins again after a 401 to a token past its expiry.</summary>
    public int AfterExpiry => Volatile.Read(ref _afterExpiry);

    /// <summary>Logins again after a 401 to a token neither fresh nor expired (revoked, or its key is gone).</summary>
    public int BeforeExpiry => Volatile.Read(ref _beforeExpiry);

    public int Relogins => AfterExpiry + BeforeExpiry;

    /// <summary>Takes the problems found since the last call: 401s to fresh tokens and failed logins.</summary>
    public List<string> TakeProblems()
    {
        var taken = new List<string>();
        while (_problems.TryDequeue(out var problem))
        {
            taken.Add(problem);
        }
        return taken;
    }

    public static Rejection Classify(Token token, DateTimeOffset now) =>
        now - token.IssuedAt < FreshFor ? Rejection.Fresh
        : now >= token.ExpiresAt ? Rejection.Expired
        : Rejection.BeforeExpiry;

    /// <summary>Replaces the token kept for <paramref name="email"/> (to try a refused one on purpose).</summary>
    public void Use(string email, Token token) => _tokens[email] = token;

    /// <summary>
    /// Sends the request <paramref name="build"/> makes for a token, as <paramref name="email"/>: logs in first if
    /// there is no token yet, and once again on a 401 to a token that is not fresh. Null when it found a problem
    /// (recorded, see <see cref="TakeProblems"/>) and the caller should stop. A dead connection throws, as HttpClient does.
    /// </summary>
    public async Task<HttpResponseMessage?> SendAsync(HttpClient http, string url, string email, Func<string, HttpRequestMessage> build)
    {
        if (!_tokens.TryGetValue(email, out var token))
        {
            token = await LoginAsync(http, url, email);
            if (token is null)
            {
                return null;
            }
        }
        var response = await SendOnceAsync(http, build, token);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        response.Dispose();
        var now = DateTimeOffset.UtcNow;
        switch (Classify(token, now))
        {
            case Rejection.Fresh:
                _problems.Enqueue(FormattableString.Invariant($"{email}: 401 to a token issued {(now - token.IssuedAt).TotalSeconds:0.0} s ago"));
                return null;
            case Rejection.Expired:
                Interlocked.Increment(ref _afterExpiry);
                break;
            case Rejection.BeforeExpiry:
                Interlocked.Increment(ref _beforeExpiry);
                break;
        }
        token = await LoginAsync(http, url, email);
        if (token is null)
        {
            return null;
        }
        response = await SendOnceAsync(http, build, token);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            _problems.Enqueue($"{email}: 401 to a freshly issued token");
            return null;
        }
        return response;
    }

    private static async Task<HttpResponseMessage> SendOnceAsync(HttpClient http, Func<string, HttpRequestMessage> build, Token token)
    {
        using var request = build(token.Value);
        return await http.SendAsync(request);
    }

    /// <summary>POST /api/v1/auth/login; null (and a problem) if the app answered anything but a token.</summary>
    private async Task<Token?> LoginAsync(HttpClient http, string url, string email)
    {
        var issuedAt = DateTimeOffset.UtcNow;
        using var response = await http.PostAsJsonAsync(new Uri(url + "/api/v1/auth/login"), new { email, password = Password });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            _problems.Enqueue(string.Create(CultureInfo.InvariantCulture, $"login as {email}: {(int)response.StatusCode} {text}"));
            return null;
        }
        using var doc = JsonDocument.Parse(text);
        var token = new Token(
            doc.RootElement.GetProperty("accessToken").GetString()!,
            issuedAt,
            issuedAt.AddSeconds(doc.RootElement.GetProperty("expiresIn").GetDouble()));
        _tokens[email] = token;
        Interlocked.Increment(ref _issued);
        return token;
    }
}
