namespace Ktu.Web.Features.Account;

/// <summary>
/// The validation messages of the page's DataAnnotations, from AccountTexts.resx. The attributes take a type with public static
/// properties; the class generated from the resx is read here so that the attributes name a type of the source tree.
/// </summary>
internal static class LoginMessages
{
    public static string Login_EmailInvalid => AccountTexts.Login_EmailInvalid;

    public static string Login_EmailRequired => AccountTexts.Login_EmailRequired;

    public static string Login_EmailTooLong => AccountTexts.Login_EmailTooLong;

    public static string Login_PasswordRequired => AccountTexts.Login_PasswordRequired;

    public static string Login_PasswordTooLong => AccountTexts.Login_PasswordTooLong;
}
