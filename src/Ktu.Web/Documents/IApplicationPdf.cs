using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Documents;

/// <summary>Renders the PDF/A copy of a submitted application.</summary>
internal interface IApplicationPdf
{
    byte[] Render(ApplicationPdfModel model);
}
