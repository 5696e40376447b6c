using Ktu.Web.Data;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Applications;

/// <summary>Gives a part page its <see cref="PartEditor"/>, with the request's database, user and clock.</summary>
public sealed class PartEditors(AppDbContext db, CurrentUser me, TimeProvider time)
{
    public PartEditor For(PartShape shape) => new(db, me, time, shape);
}
