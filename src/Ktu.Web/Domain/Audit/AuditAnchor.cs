using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ktu.Web.Domain.Audit;

/// <summary>
/// A checkpoint of the audit chain's head, written outside the database: the head's sequence and hash, the first
/// sequence sealed with the key (entries before it are from before keying), and when. Each line carries an HMAC with
/// the chain's key, so a line cannot be forged or edited without the key.
/// </summary>
public sealed record AuditAnchor(long Sequence, string Hash, long KeyedFrom, DateTimeOffset At)
{
    /// <summary>One line of the anchor file: "sequence;hash;keyedFrom;unix-ms;mac".</summary>
    public string ToLine(byte[] key)
    {
        var body = Body();
        return body + ";" + Mac(key, body);
    }

    /// <summary>True when <paramref name="line"/> has an anchor's shape, whoever wrote it: a line cut off by a crash has not.</summary>
    public static bool IsWellFormed(string line)
    {
        var parts = line.Trim().Split(';');
        return parts.Length == 5 && parts[1].Length == 64 && parts[4].Length == 64
            && parts[1].All(char.IsAsciiHexDigitLower) && parts[4].All(char.IsAsciiHexDigitLower)
            && parts.Take(4).Where((_, i) => i != 1).All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }

    /// <summary>The anchor on <paramref name="line"/>, or null when the line is not one this key wrote.</summary>
    public static AuditAnchor? FromLine(string line, byte[] key)
    {
        var parts = line.Trim().Split(';');
        if (!IsWellFormed(line)
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var keyedFrom)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return null;
        }
        var anchor = new AuditAnchor(sequence, parts[1], keyedFrom, DateTimeOffset.FromUnixTimeMilliseconds(ms));
        var expected = Encoding.ASCII.GetBytes(Mac(key, anchor.Body()));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[4])) ? anchor : null;
    }

    private string Body() => string.Join(';',
        Sequence.ToString(CultureInfo.InvariantCulture), Hash, KeyedFrom.ToString(CultureInfo.InvariantCulture),
        At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    private static string Mac(byte[] key, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("ktu-audit-anchor|" + body)));
}
