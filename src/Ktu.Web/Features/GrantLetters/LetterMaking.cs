using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// How a letter is made, for new letters and corrections alike: from the decision, the scheme year and the embete's
/// current template, stored with the template text and the PDF. Every letter is audited ("letter.created") and the
/// applicant's contact gets an e-mail through the outbox.
/// </summary>
internal static class LetterMaking
{
    public static GrantLetterInput Input(LetterContext context, GrantDecision decision, int version, DateOnly? replaces, DateTimeOffset now) => new()
    {
        Decision = decision,
        Scheme = context.Scheme,
        Embete = context.Embete,
        Template = context.Template,
        LetterDate = NorwayTime.DateOf(now),
        Version = version,
        ReplacesLetterDated = replaces,
    };

    /// <summary>
    /// The PDFs of the letters, rendered on every core: rendering is pure CPU (most of a letter's cost, mostly PdfPig
    /// reading the embedded font), touches no DbContext, and all of it happens before the one save.
    /// </summary>
    public static async Task<byte[][]> RenderAsync(List<GrantLetterInput> inputs, CancellationToken ct)
    {
        var pdfs = new byte[inputs.Count][];
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count), options, (i, _) =>
        {
            pdfs[i] = GrantLetterPdf.Render(inputs[i]);
            return ValueTask.CompletedTask;
        });
        return pdfs;
    }

    /// <summary>The contact e-mail of each application's latest submission, read in one query rather than one per letter.</summary>
    public static async Task<Dictionary<Guid, string>> ContactEmailsAsync(AppDbContext db, IReadOnlyCollection<Guid> applicationIds, CancellationToken ct)
    {
        var latest = await db.ApplicationSubmissions.AsNoTracking()
            .Where(s => applicationIds.Contains(s.ApplicationId)
                && s.Number == db.ApplicationSubmissions.Where(o => o.ApplicationId == s.ApplicationId).Max(o => o.Number))
            .ToListAsync(ct);
        var emails = new Dictionary<Guid, string>();
        foreach (var submission in latest)
        {
            if (submission.ReadSnapshot().Application.Contact?.Email is { Length: > 0 } email)
            {
                emails[submission.ApplicationId] = email;
            }
        }
        return emails;
    }

    public static GrantLetter Add(
        AppDbContext db, CurrentUser me, LetterContext context, GrantLetterInput input, byte[] pdf, string? reason, string? email, DateTimeOffset now)
    {
        var decision = input.Decision;
        var version = input.Version;
        var letter = GrantLetter.Make(decision, version, input.LetterDate, input.ReplacesLetterDated, reason, context.TemplateJson, context.TemplateSha256,
            GrantLetterPdf.Title(input), pdf, me.Actor, now);
        db.GrantLetters.Add(letter);
        AuditTrail.Record(db, me, now, "letter.created", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            after: new { letter.Id, letter.Version, letter.LetterDate, letter.PdfSha256, letter.TemplateSha256, reason });
        if (email is not null)
        {
            var what = version == 1 ? LetterTexts.EmailFirstLetter : Format.Text(LetterTexts.EmailCorrectedLetter, version);
            db.OutboxMessages.Add(OutboxMessage.Email(email, Format.Text(LetterTexts.EmailSubject, decision.CaseReference),
                Format.Text(LetterTexts.EmailBody, what, context.Embete.Name, context.Scheme.Name, decision.SchemeYear, decision.CaseReference), now));
        }
        return letter;
    }

    /// <summary>Saves the letters made; a letter someone else made in the same instant is a 409, and nothing of ours is saved.</summary>
    public static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The unique (decision, version): someone else made the same letter in the same instant.
            throw new RuleViolationException(LetterTexts.LettersBusy, "letters-busy");
        }
    }
}
