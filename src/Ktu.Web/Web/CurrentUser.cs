using System.Globalization;
using System.Security.Claims;
using Ktu.Web.Domain;

namespace Ktu.Web.Web;

/// <summary>Who is asking, read from the signed-in principal. Injected, so handlers never touch HttpContext.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string? Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? Email => Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.FindFirstValue(ClaimTypes.Name);
    public string? FullName => Principal.FindFirstValue(KtuClaims.FullName);
    public IReadOnlyList<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public int? OrganisationId =>
        int.TryParse(Principal.FindFirstValue(KtuClaims.OrganisationId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public string? EmbeteId => Principal.FindFirstValue(KtuClaims.EmbeteId);

    public bool IsInRole(string role) => Principal.IsInRole(role);
    public bool IsApplicant => IsInRole(Domain.Roles.Applicant) && OrganisationId is not null;
    /// <summary>The embete of a case officer or approver; anyone else is refused (403).</summary>
    public string StaffEmbeteId => IsEmbeteStaff ? EmbeteId! : throw new ForbiddenException();

    /// <summary>The signed-in user as the actor recorded on what they change; an anonymous caller is refused (403).</summary>
    public Domain.Applications.Actor Actor => new(Id ?? throw new ForbiddenException(), FullName, Email);

    /// <summary>The signed-in user as one who may grant roles (<see cref="Domain.Rules.RolesAreGrantedOnlyWithinOnesOwn"/>).</summary>
    public Domain.Rules.RolesAreGrantedOnlyWithinOnesOwn.Granter Granter => new(Roles, OrganisationId, EmbeteId);

    public bool IsEmbeteStaff => (IsInRole(Domain.Roles.CaseOfficer) || IsInRole(Domain.Roles.Approver)) && EmbeteId is not null;
}
