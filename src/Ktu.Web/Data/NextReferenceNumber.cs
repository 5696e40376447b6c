using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Takes the next running number for a reference (<see cref="Domain.Applications.ReferenceNumber"/>) from the
/// counter of its scheme year and embete, in one statement that the database makes atomic: PostgreSQL locks the
/// counter row until the transaction ends, and SQLite has one writer at a time. Call it inside a
/// <see cref="WriteTransaction"/> that also records the submission: the number is the caller's only if that
/// commits, so the numbers have no gaps and no two submissions share one.
/// </summary>
internal static class NextReferenceNumber
{
    public static async Task<int> TakeAsync(AppDbContext db, int schemeYear, string embeteId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A reference number must be taken in the transaction that records the submission.");
        }
        // The same SQL on SQLite (3.35 or later) and PostgreSQL. A missing counter starts after the highest
        // number already given, so a database from before the counters (or a restored copy) continues its series.
        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO "ReferenceCounters" ("SchemeYear", "EmbeteId", "Last")
            VALUES ({schemeYear}, {embeteId}, 1 + COALESCE((SELECT MAX("ReferenceSequence") FROM "Applications"
                WHERE "SchemeYear" = {schemeYear} AND "EmbeteId" = {embeteId}), 0))
            ON CONFLICT ("SchemeYear", "EmbeteId") DO UPDATE SET "Last" = "ReferenceCounters"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct);
        return numbers.Single();
    }
}
