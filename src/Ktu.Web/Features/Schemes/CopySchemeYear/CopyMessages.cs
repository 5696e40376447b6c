namespace Ktu.Web.Features.Schemes;

/// <summary>
/// The validation messages of the page's DataAnnotations, from SchemeTexts.resx. The attributes take a type with public static
/// properties; the class generated from the resx is read here so that the attributes name a type of the source tree.
/// </summary>
internal static class CopyMessages
{
    public static string Copy_DeadlineRequired => SchemeTexts.Copy_DeadlineRequired;

    public static string Copy_NameTooLong => SchemeTexts.Copy_NameTooLong;

    public static string Copy_ReportDeadlineRequired => SchemeTexts.Copy_ReportDeadlineRequired;

    public static string Copy_SourceRequired => SchemeTexts.Copy_SourceRequired;

    public static string Copy_YearRange => SchemeTexts.Copy_YearRange;

    public static string Copy_YearRequired => SchemeTexts.Copy_YearRequired;
}
