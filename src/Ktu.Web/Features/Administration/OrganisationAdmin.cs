using System.Globalization;
using System.Text.Json;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>What the administrator types for an organisation that is not a municipality (page and API alike).</summary>
public sealed record OrganisationInput
{
    public string? OrgNumber { get; init; }
    public string? Name { get; init; }
    /// <summary><c>University</c> (universities and university colleges) or <c>InterMunicipalCompany</c>.</summary>
    public string? Kind { get; init; }
    public string? EmbeteId { get; init; }
    /// <summary>The version read; required when changing, ignored when registering.</summary>
    public int? Version { get; init; }
}

public sealed record OrganisationChangeDto(DateTimeOffset At, string Action, string? By, JsonElement? Before, JsonElement? After);

public sealed record AdminOrganisationDto(
    int Id, string OrgNumber, string Name, string Kind, string KindName, string EmbeteId, string CountyNumber,
    bool Active, DateTimeOffset? DeactivatedAt, int Version, IReadOnlyList<OrganisationChangeDto>? History);

/// <summary>
/// The administrator's register of applicant organisations that are not municipalities: universities and university
/// colleges, and inter-municipal companies. Municipalities and county municipalities come from the reference data and
/// are not edited here. Organisations are deactivated, never deleted, and every change is in the audit trail.
/// </summary>
internal static class OrganisationAdmin
{
    public const string AuditEntity = "Organisation";
    public const int MaxName = 200;
    public const int MaxHistory = 200;

    /// <summary>The kinds the administrator registers; the others come from the reference data.</summary>
    public static readonly IReadOnlyList<OrganisationKind> Kinds = [OrganisationKind.University, OrganisationKind.InterMunicipalCompany];

    public static bool IsRegistered(OrganisationKind kind) => Kinds.Contains(kind);

    /// <summary>Checks the input; the normalised org number and kind when it is fine.</summary>
    public static async Task<(FieldErrors Errors, string OrgNumber, OrganisationKind Kind, string EmbeteId)> CheckAsync(
        AppDbContext db, OrganisationInput input, bool withOrgNumber, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var orgNumber = "";
        if (withOrgNumber)
        {
            if (Domain.OrgNumber.TryParse(input.OrgNumber, out var parsed, out var error))
            {
                orgNumber = parsed.Value.Value;
            }
            else
            {
                errors.Add("orgNumber", error!);
            }
        }
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", AdministrationTexts.Organisation_NameRequired);
        }
        else if (name.Length > MaxName)
        {
            errors.Add("name", Format.Text(AdministrationTexts.Organisation_NameTooLong, MaxName));
        }
        var kind = OrganisationKind.University;
        if (!Enum.TryParse(input.Kind, ignoreCase: true, out kind) || !IsRegistered(kind) || int.TryParse(input.Kind, CultureInfo.InvariantCulture, out _))
        {
            errors.Add("kind", AdministrationTexts.Organisation_KindInvalid);
        }
        var embeteId = input.EmbeteId?.Trim() ?? "";
        if (embeteId.Length == 0 || embeteId.Length > 64 || !await db.Embeter.AnyAsync(e => e.Id == embeteId, ct))
        {
            errors.Add("embeteId", AdministrationTexts.Organisation_EmbeteInvalid);
        }
        return (errors, orgNumber, kind, embeteId);
    }

    /// <summary>One registered (non-municipal) organisation; 404 for an unknown id or a municipality.</summary>
    public static async Task<Organisation> LoadAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        return organisation is not null && IsRegistered(organisation.Kind)
            ? organisation
            : throw new NotFoundException(AdministrationTexts.Organisation_NotFound);
    }

    public static void RequireVersion(Organisation organisation, int? version)
    {
        if (version is null)
        {
            throw new RuleViolationException(AdministrationTexts.Organisation_VersionRequired, "version-required");
        }
        if (version != organisation.Version)
        {
            throw new RuleViolationException(AdministrationTexts.Organisation_Stale, "edit-conflict");
        }
    }

    /// <summary>What the audit trail keeps of the organisation, before and after a change.</summary>
    public static object Snapshot(Organisation o) => new
    {
        o.OrgNumber,
        o.Name,
        Kind = o.Kind.ToString(),
        o.EmbeteId,
        o.CountyNumber,
        Active = o.IsActive,
    };

    public static void Audit(AppDbContext db, CurrentUser me, DateTimeOffset now, string action, Organisation o, object? before, object? after) =>
        AuditTrail.Record(db, me, now, action, AuditEntity, o.Id.ToString(CultureInfo.InvariantCulture), o.Id, o.EmbeteId, before, after);

    public static async Task<IReadOnlyList<OrganisationChangeDto>> HistoryAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == AuditEntity && a.EntityId == key)
            .OrderByDescending(a => a.Id)
            .Take(MaxHistory)
            .ToListAsync(ct);
        return entries.Select(a => new OrganisationChangeDto(a.At, a.Action, a.ActorEmail, Parse(a.Before), Parse(a.After))).ToList();
    }

    public static AdminOrganisationDto ToDto(Organisation o, IReadOnlyList<OrganisationChangeDto>? history = null) =>
        new(o.Id, o.OrgNumber, o.Name, o.Kind.ToString(), o.Kind.Norwegian(), o.EmbeteId, o.CountyNumber, o.IsActive, o.DeactivatedAt, o.Version, history);

    /// <summary>The county recorded for a new organisation: the first county the embete serves (organisations need one).</summary>
    public static Task<string> CountyOfAsync(AppDbContext db, string embeteId, CancellationToken ct) =>
        db.Counties.Where(c => c.EmbeteId == embeteId).OrderBy(c => c.Number).Select(c => c.Number).FirstAsync(ct);

    private static JsonElement? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<JsonElement>(json);
}
