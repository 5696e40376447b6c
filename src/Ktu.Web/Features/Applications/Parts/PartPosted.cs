using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Applications;

/// <summary>How a post of a part form ended, for the page to answer.</summary>
public abstract record PartPosted
{
    private PartPosted()
    {
    }

    /// <summary>Not the caller's application, or a part the year does not offer: 404.</summary>
    public sealed record NotFound : PartPosted;

    /// <summary>Saved cleanly and "Lagre og gå videre" was pressed: on to <see cref="Step"/>.</summary>
    public sealed record GoOn(ApplicationStep Step) : PartPosted;

    /// <summary>Show the part again, with its messages in ModelState.</summary>
    public sealed record ShowAgain : PartPosted;
}

/// <summary>A part page's answer to <see cref="PartPosted"/>.</summary>
internal static class PartPostedResults
{
    public static IActionResult Answer(this PageModel page, PartPosted posted, Guid id) => posted switch
    {
        PartPosted.GoOn g => page.RedirectToPage(ApplicationSteps.PageOf(g.Step), new { id }),
        PartPosted.ShowAgain => page.Page(),
        _ => page.NotFound(),
    };
}
