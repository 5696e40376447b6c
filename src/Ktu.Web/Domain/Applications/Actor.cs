namespace Ktu.Web.Domain.Applications;

/// <summary>Who did something, as recorded on the application and in receipts.</summary>
public sealed record Actor(string UserId, string? Name, string? Email)
{
    /// <summary>How the actor is named on records: the name, else the e-mail, else the user id.</summary>
    public string DisplayName => Name ?? Email ?? UserId;
}
