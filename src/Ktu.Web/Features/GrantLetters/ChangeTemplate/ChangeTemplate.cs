using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// The embete's own parts of the letter template for one year (greeting, contact, closing), beside the national
/// texts it cannot change (<see cref="GrantLetterTemplateRules.CheckEdit"/>). Letters made later use the saved texts,
/// and every letter stores the template it was made from. A change over someone else's newer save is refused.
/// </summary>
internal static class ChangeTemplate
{
    /// <param name="StoredVersion">The version of the stored texts the user started from; 0 when none were stored.</param>
    internal sealed record Input(int Year, int StoredVersion, string? Greeting, string? Contact, string? Closing);

    internal abstract record Outcome;
    internal sealed record Changed : Outcome;
    /// <summary>Errors under "greeting", "contact", "closing", or "" for the whole form.</summary>
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Input input, CancellationToken ct)
    {
        var year = input.Year;
        var context = await LetterContext.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var texts = new GrantLetterEmbeteTexts
        {
            Greeting = input.Greeting?.Trim() ?? "",
            Contact = input.Contact?.Trim() ?? "",
            Closing = input.Closing?.Trim() ?? "",
        };
        var errors = new FieldErrors();
        foreach (var issue in GrantLetterTemplateRules.CheckEdit(context.Template, context.Template with { Embete = texts })
            .Where(i => i.Severity == IssueSeverity.Error))
        {
            errors.Add(issue.Field switch
            {
                "embete.greeting" => "greeting",
                "embete.contact" => "contact",
                "embete.closing" => "closing",
                _ => "",
            }, issue.Message);
        }
        if ((context.Stored?.Version ?? 0) != input.StoredVersion)
        {
            errors.Add("", Format.Text(LetterTexts.ChangedByOther, context.Stored?.UpdatedByName ?? LetterTexts.Someone));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var stored = await db.LetterTemplates.SingleOrDefaultAsync(t => t.EmbeteId == context.Embete.Id && t.SchemeYear == year, ct);
        if (stored is null)
        {
            stored = LetterTemplate.Start(context.Embete.Id, year);
            db.LetterTemplates.Add(stored);
        }
        var before = context.Template.Embete;
        var now = time.GetUtcNow();
        stored.Change(GrantLetterTemplateJson.SerializeEmbete(texts), me.Actor, now);
        AuditTrail.Record(db, me, now, "letter-template.changed", "letter-template", stored.Id.ToString(), null, context.Embete.Id, before, texts);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Invalid(FieldErrors.Of("", LetterTexts.SavedConcurrently));
        }
        return new Changed();
    }
}
