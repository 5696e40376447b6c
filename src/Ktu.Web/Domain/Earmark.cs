namespace Ktu.Web.Domain;

public sealed class Earmark
{
    public int Id { get; private set; }
    public int PotId { get; set; }
    public required string ThemeCode { get; set; }
    public long Amount { get; set; }
}
