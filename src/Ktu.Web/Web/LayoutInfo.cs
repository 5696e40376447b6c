using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Web;

/// <summary>The names the page header shows for the signed-in user's organisation or embete.</summary>
public sealed class LayoutInfo(CurrentUser me, AppDbContext db)
{
    public async Task<string?> OrganisationNameAsync()
    {
        if (me.OrganisationId is not { } id)
        {
            return null;
        }
        var o = await db.Organisations.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Name, x.Kind, x.OrgNumber }).SingleOrDefaultAsync();
        return o is null ? null : Format.Text(Texts.Layout_Organisation, OrganisationDisplay.Name(o.Name, o.Kind), o.OrgNumber);
    }

    public async Task<string?> EmbeteNameAsync()
    {
        if (me.EmbeteId is not { } id)
        {
            return null;
        }
        return await db.Embeter.AsNoTracking().Where(x => x.Id == id).Select(x => x.NameBokmal).SingleOrDefaultAsync();
    }
}
