using Ktu.Web.Data;
using Ktu.Web.Domain.Audit;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Audit;

public sealed record AuditVerification(long Entries, bool Valid, long? FirstBrokenSequence, string Message);

/// <summary>An administrator checks the whole audit trail against its hash chain (<see cref="AuditChain.Verify"/>).</summary>
internal static class VerifyAuditChain
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit/verify", VerifyAsync)
            .WithTags("Revisjonslogg")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Kontrollerer hele revisjonsloggen: nummerering uten hull, hvert innslag lenket til det forrige og riktig kontrollsum (SHA-256).");

    internal static async Task<Ok<AuditVerification>> VerifyAsync(AppDbContext db, CancellationToken ct)
    {
        var list = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct);
        var r = AuditChain.Verify(list);
        return TypedResults.Ok(new AuditVerification(r.Entries, r.Valid, r.FirstBrokenSequence, r.Message));
    }
}
