using System.Security.Cryptography;
using System.Text;

namespace Ktu.Web.Domain;

/// <summary>
/// An organisation's or an embete's own system that calls the API without a person: it gets short-lived tokens by OAuth
/// 2.0 client credentials (RFC 6749 §4.4, the shape of Maskinporten) and may only use the endpoints its <see cref="Scopes"/>
/// open, on its own organisation's or embete's data. It acts for exactly one of the two: an organisation's client has the
/// applicant side's scopes, an embete's the embete side's (read-only: a system never assesses, approves or decides). Only the SHA-256 of the secret is stored: the secret is 256 random bits, so a fast
/// hash is enough (nothing to guess from a dictionary), and someone who reads the database cannot use it. Revoking
/// stops the client's tokens at once (<c>ApiClientTokensEndAtOnce</c>).
/// </summary>
public sealed class ApiClient
{
    public const int MaxNameLength = 100;

    private ApiClient()
    {
    }

    /// <summary>The client_id.</summary>
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The applicant organisation the client acts for; null for an embete's client.</summary>
    public int? OrganisationId { get; private set; }
    /// <summary>The embete the client acts for; null for an organisation's client.</summary>
    public string? EmbeteId { get; private set; }
    /// <summary>Space-separated, as in OAuth: a subset of <see cref="ApiScopes.ApplicantSide"/> or <see cref="ApiScopes.EmbeteSide"/>.</summary>
    public string Scopes { get; private set; } = "";
    /// <summary>Hex SHA-256 of the secret.</summary>
    public string SecretHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedByUserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedByUserId { get; private set; }

    public bool IsActive => RevokedAt is null;

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsEmbeteClient => EmbeteId is not null;

    /// <summary>A new client for an organisation and its secret (shown once, never stored).</summary>
    public static (ApiClient Client, string Secret) Register(string name, int organisationId, IEnumerable<string> scopes, DateTimeOffset now, string? createdByUserId) =>
        Register(name, organisationId, null, scopes, now, createdByUserId);

    /// <summary>A new client for an embete and its secret (shown once, never stored).</summary>
    public static (ApiClient Client, string Secret) RegisterForEmbete(string name, string embeteId, IEnumerable<string> scopes, DateTimeOffset now, string? createdByUserId) =>
        Register(name, null, embeteId, scopes, now, createdByUserId);

    private static (ApiClient Client, string Secret) Register(string name, int? organisationId, string? embeteId, IEnumerable<string> scopes, DateTimeOffset now, string? createdByUserId)
    {
        if ((organisationId is null) == (embeteId is null))
        {
            throw new ArgumentException("An API client acts for exactly one organisation or one embete.", nameof(embeteId));
        }
        var side = embeteId is null ? ApiScopes.ApplicantSide : ApiScopes.EmbeteSide;
        if (scopes.FirstOrDefault(s => !side.Contains(s)) is { } foreign)
        {
            throw new ArgumentException($"Scope {foreign} is not on the client's side.", nameof(scopes));
        }
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            OrganisationId = organisationId,
            EmbeteId = embeteId,
            Scopes = string.Join(' ', ApiScopes.All.Where(scopes.Contains)),
            SecretHash = HashOf(secret),
            CreatedAt = now,
            CreatedByUserId = createdByUserId,
        };
        return (client, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares in constant time, so the answer's timing tells nothing about the stored hash.</summary>
    public bool HasSecret(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(secret)), Encoding.ASCII.GetBytes(SecretHash));

    public void Revoke(DateTimeOffset now, string? userId)
    {
        if (RevokedAt is null)
        {
            RevokedAt = now;
            RevokedByUserId = userId;
        }
    }
}

/// <summary>What an API client may be given: each scope opens a named set of endpoints (see <c>RequireApiScope</c>).</summary>
public static class ApiScopes
{
    /// <summary>The organisation's applications, their receipts and submitted copies.</summary>
    public const string ApplicationsRead = "applications.read";
    /// <summary>Start and save the organisation's draft applications (not submit: a person signs for that).</summary>
    public const string DraftsWrite = "drafts.write";
    /// <summary>The decision on an application and the grant letter.</summary>
    public const string DecisionsRead = "decisions.read";
    /// <summary>The report on a grant and its submissions.</summary>
    public const string ReportsRead = "reports.read";
    /// <summary>The embete's inbox (its cases for a year) and a case's details, read-only.</summary>
    public const string CasesRead = "cases.read";
    /// <summary>The embete's report overview for a year, read-only.</summary>
    public const string ReportOverviewRead = "report-overview.read";

    /// <summary>What the applicant side itself may do, so what an organisation's application administrator may give its own system.</summary>
    public static readonly IReadOnlyList<string> ApplicantSide = [ApplicationsRead, DraftsWrite, DecisionsRead, ReportsRead];

    /// <summary>What an embete's system may be given: reading only; assessing, approving and deciding stay with people.</summary>
    public static readonly IReadOnlyList<string> EmbeteSide = [CasesRead, ReportOverviewRead];

    public static readonly IReadOnlyList<string> All = [.. ApplicantSide, .. EmbeteSide];
}
