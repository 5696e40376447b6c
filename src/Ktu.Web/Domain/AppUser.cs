using Microsoft.AspNetCore.Identity;

namespace Ktu.Web.Domain;

public sealed class AppUser : IdentityUser
{
    public string? FullName { get; set; }
    /// <summary>Set for applicants: the one organisation they act for.</summary>
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>Set for case officers and approvers: the one embete they work in.</summary>
    public string? EmbeteId { get; set; }
    public Embete? Embete { get; set; }
}
