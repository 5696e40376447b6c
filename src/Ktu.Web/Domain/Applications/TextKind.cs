namespace Ktu.Web.Domain.Applications;

public enum TextKind
{
    /// <summary>Names, e-mail, phone, titles, budget items, codes.</summary>
    Line = 1,
    /// <summary>Descriptions and the assessment texts.</summary>
    Paragraph = 2,
}
