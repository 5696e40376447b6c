namespace Ktu.Web.Domain;

public sealed class SchemeEducationType
{
    public int Id { get; private set; }
    public int SchemeYear { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}
