using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>The archive copy of the year's letters: the latest version of every letter as PDF/A, with metadata, in one zip (<see cref="ArchiveExport"/>).</summary>
internal static class ExportArchive
{
    internal sealed record Input(int Year);

    internal abstract record Outcome;
    internal sealed record Exported(byte[] Zip, string FileName) : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapGet("/archive.zip", GetAsync)
            .Named(DocumentRoutes.LetterArchive)
            .WithSummary("Arkivuttrekk: siste versjon av hvert brev som PDF/A med metadata.xml (saksnummer, dato, mottaker, versjon, SHA-256).")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, Input input, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        var year = input.Year;
        await LetterRound.EnsureApprovedAsync(db, embeteId, year, ct);
        var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.EmbeteId == embeteId && d.SchemeYear == year)
            .ToDictionaryAsync(d => d.Id, ct);
        var letters = await db.GrantLetters.AsNoTracking().Where(l => l.EmbeteId == embeteId && l.SchemeYear == year).ToListAsync(ct);
        if (letters.Count == 0)
        {
            throw new RuleViolationException(LetterTexts.NothingToArchive, "no-letters");
        }
        var latest = letters.GroupBy(l => l.GrantDecisionId).Select(g => g.MaxBy(l => l.Version)!);
        var zip = ArchiveExport.Write(latest.Select(l =>
        {
            var d = decisions[l.GrantDecisionId];
            return new ArchiveDocument(d.CaseReference, l.LetterDate, d.ApplicantName, d.ApplicantOrgNumber, l.Title, l.Version, l.Pdf)
            {
                TemplateSha256 = l.TemplateSha256,
            };
        }));
        return new Exported(zip, $"tilskuddsbrev-{year.ToString(CultureInfo.InvariantCulture)}-arkiv.zip");
    }

    internal static async Task<FileContentHttpResult> GetAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct)
    {
        var exported = (Exported)await HandleAsync(db, me, new Input(year), ct);
        return TypedResults.File(exported.Zip, "application/zip", exported.FileName);
    }
}
