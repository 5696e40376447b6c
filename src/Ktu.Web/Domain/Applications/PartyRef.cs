namespace Ktu.Web.Domain.Applications;

public sealed record PartyRef(string Id, string Name);
