using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// What every letter of an embete's year is made from: the scheme year, the embete, and the template, which is
/// the scheme year's national texts with the embete's own texts (LetterTemplate) when it has written any.
/// </summary>
internal sealed record LetterContext(SchemeYear Scheme, Embete Embete, GrantLetterTemplate Template, Domain.Letters.LetterTemplate? Stored)
{
    public string TemplateJson { get; } = GrantLetterTemplateJson.Serialize(Template);
    public string TemplateSha256 => GrantLetterTemplateJson.Sha256(TemplateJson);

    public static async Task<LetterContext> LoadAsync(AppDbContext db, string embeteId, int year, CancellationToken ct)
    {
        var scheme = await db.SchemeYears.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, ct)
            ?? throw new Web.NotFoundException(LetterTexts.SchemeYearNotFound);
        var embete = await db.Embeter.AsNoTracking().SingleAsync(e => e.Id == embeteId, ct);
        var stored = await db.LetterTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.EmbeteId == embeteId && t.SchemeYear == year, ct);
        var pot = await db.Pots.AsNoTracking().SingleOrDefaultAsync(p => p.SchemeYear == year && p.EmbeteId == embeteId, ct);
        var template = GrantLetterTemplate.Default(scheme, pot?.ReportDeadline);
        if (stored is { EmbeteTextsJson.Length: > 0 })
        {
            template = template with { Embete = ReadEmbeteTexts(stored.EmbeteTextsJson) };
        }
        return new LetterContext(scheme, embete, template, stored);
    }

    public static GrantLetterEmbeteTexts ReadEmbeteTexts(string json) =>
        GrantLetterTemplateJson.DeserializeEmbete(json);
}
