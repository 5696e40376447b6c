namespace Ktu.Web.Web;

/// <summary>
/// Absolute links to put in e-mails and print on the command line. <c>App:PublicUrl</c> (such as
/// <c>https://ktu.example.org</c>) says where people reach the service; without it a request's own address is used,
/// and outside a request the demo's <c>http://localhost:5080</c>.
/// </summary>
public static class PublicLinks
{
    public const string SetPasswordPath = "/konto/sett-passord";

    public static string SetPassword(IConfiguration configuration, HttpRequest? request, string token) =>
        $"{Origin(configuration, request)}{SetPasswordPath}?token={Uri.EscapeDataString(token)}";

    private static string Origin(IConfiguration configuration, HttpRequest? request) =>
        configuration["App:PublicUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/')
        : request is not null ? $"{request.Scheme}://{request.Host}{request.PathBase}"
        : "http://localhost:5080";
}
