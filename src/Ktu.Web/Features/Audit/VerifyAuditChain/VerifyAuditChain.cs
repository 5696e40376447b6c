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

    internal static async Task<Ok<AuditVerification>> VerifyAsync(AppDbContext db, AuditAnchors anchors, CancellationToken ct)
    {
        var r = await HandleAsync(db, anchors, ct);
        return TypedResults.Ok(new AuditVerification(r.Entries, r.Valid, r.FirstBrokenSequence, r.Message));
    }

    /// <summary>The chain (keyed hashes, links, numbering), then its anchors outside the database (nothing cut from the end, nothing rewritten).</summary>
    public static async Task<AuditChain.Result> HandleAsync(AppDbContext db, AuditAnchors anchors, CancellationToken ct)
    {
        var list = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct);
        var (anchored, problem) = anchors.Read();
        var chain = AuditChain.Verify(list, anchors.Key, anchored.Count > 0 ? anchored[0].KeyedFrom : 1);
        if (!chain.Valid)
        {
            return chain;
        }
        if (problem is not null)
        {
            return new AuditChain.Result(list.Count, false, null, problem);
        }
        return AuditChain.VerifyAnchors(list.ToDictionary(e => e.Sequence, e => e.Hash), anchored);
    }
}
