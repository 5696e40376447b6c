using Microsoft.AspNetCore.Routing;

namespace Ktu.Web.Web;

/// <summary>
/// Names of the endpoints that serve documents (PDFs, the submitted copy, the archive), so a page links to them with
/// <c>Url.RouteUrl(name, values)</c> instead of a hand-written path. The name is route metadata only: it does not
/// become an OpenAPI operation id.
/// </summary>
public static class DocumentRoutes
{
    /// <summary>The application as submitted, as PDF: route values id, number.</summary>
    public const string SubmissionPdf = "submission-pdf";

    /// <summary>The submitted copy exactly as stored (its SHA-256 is on the receipt): route values id, number.</summary>
    public const string SubmissionSnapshot = "submission-snapshot";

    /// <summary>The applicant's grant letter as PDF: route value id (the application), optional version.</summary>
    public const string DecisionLetterPdf = "decision-letter-pdf";

    /// <summary>A grant letter as PDF for the embete: route values id (the grant), optional version.</summary>
    public const string GrantLetterPdf = "grant-letter-pdf";

    /// <summary>The year's letters as an archive extract: route value year.</summary>
    public const string LetterArchive = "letter-archive";

    /// <summary>Gives the endpoint a route name for links, and nothing else.</summary>
    public static TBuilder Named<TBuilder>(this TBuilder builder, string name) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteNameMetadata(name));
}
