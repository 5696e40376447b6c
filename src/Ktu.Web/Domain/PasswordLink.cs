using System.Security.Cryptography;
using System.Text;

namespace Ktu.Web.Domain;

/// <summary>Why a one-time link to set a password was made.</summary>
public enum PasswordLinkPurpose
{
    /// <summary>The first administrator, made from the command line (<c>./run.sh create-admin EMAIL</c>).</summary>
    FirstAdministrator = 1,

    /// <summary>A user invited by e-mail.</summary>
    Invitation = 2,
}

/// <summary>Whether a link can still be used.</summary>
public enum PasswordLinkState
{
    Open,
    Used,
    Expired,
}

/// <summary>
/// A one-time link to set a password: single use, valid for <see cref="Lifetime"/>. Only the SHA-256 of the token is
/// stored, so someone who reads the database (or a backup) cannot use a link that is still open.
/// </summary>
public sealed class PasswordLink
{
    /// <summary>How long a link can be used after it was made.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const int MaxTokenLength = 100;

    private PasswordLink()
    {
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>Hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; private set; } = "";
    public PasswordLinkPurpose Purpose { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    /// <summary>The user who made the link; null from the command line.</summary>
    public string? CreatedByUserId { get; private set; }

    /// <summary>A new link for <paramref name="userId"/>, and the token to put in it (shown once, never stored).</summary>
    public static (PasswordLink Link, string Token) Issue(string userId, PasswordLinkPurpose purpose, DateTimeOffset now, string? createdByUserId)
    {
        // 256 random bits, URL-safe: nobody guesses an open link.
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new PasswordLink
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            TokenHash = HashOf(token),
            Purpose = purpose,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            CreatedByUserId = createdByUserId,
        };
        return (link, token);
    }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public PasswordLinkState StateAt(DateTimeOffset now) =>
        UsedAt is not null ? PasswordLinkState.Used : now >= ExpiresAt ? PasswordLinkState.Expired : PasswordLinkState.Open;
}
