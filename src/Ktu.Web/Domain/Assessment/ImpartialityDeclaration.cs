using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Assessment;

/// <summary>
/// An officer's declaration of impartiality (habilitet, forvaltningsloven § 6) for one application.
/// Never changed: a new declaration is a new row, and all are in the audit trail.
/// </summary>
public sealed class ImpartialityDeclaration
{
    public const int MaxReasonLength = 1000;

    private ImpartialityDeclaration()
    {
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    /// <summary>True when the officer is not impartial (inhabil) and must not handle the case.</summary>
    public bool Conflict { get; private set; }
    public string? Reason { get; private set; }
    public DateTimeOffset DeclaredAt { get; private set; }

    public static ImpartialityDeclaration Declare(Guid applicationId, Actor by, bool conflict, string? reason, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ApplicationId = applicationId,
        UserId = by.UserId,
        UserName = by.DisplayName,
        Conflict = conflict,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        DeclaredAt = now,
    };
}
