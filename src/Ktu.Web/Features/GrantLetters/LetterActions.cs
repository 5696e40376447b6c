using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>How far letter generation has come for an embete's year: decisions, decisions with a letter, made now.</summary>
public sealed record LetterProgress(int Year, bool RoundApproved, int Decisions, int WithLetter, int Made)
{
    public int Remaining => Decisions - WithLetter;
}

/// <summary>
/// Grant letters for an approved allocation: one letter per fixed decision (refusals included), made from
/// the decision, the scheme year and the embete's current template, stored with the template text and the
/// PDF. Making letters again keeps what exists and only makes what is missing; a correction is a new version.
/// Every letter is audited ("letter.created") and the applicant's contact gets an e-mail through the outbox.
/// </summary>
internal static class LetterActions
{
    public static async Task<LetterProgress> ProgressAsync(AppDbContext db, string embeteId, int year, CancellationToken ct)
    {
        var approved = await RoundApprovedAsync(db, embeteId, year, ct);
        var decisions = await db.GrantDecisions.CountAsync(d => d.EmbeteId == embeteId && d.SchemeYear == year, ct);
        var withLetter = await db.GrantLetters.Where(l => l.EmbeteId == embeteId && l.SchemeYear == year)
            .Select(l => l.GrantDecisionId).Distinct().CountAsync(ct);
        return new LetterProgress(year, approved, decisions, withLetter, 0);
    }

    /// <summary>Makes the missing first letters, at most <paramref name="max"/> of them (all when null), in one transaction.</summary>
    public static async Task<LetterProgress> GenerateAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? max, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        await EnsureApprovedAsync(db, embeteId, year, ct);
        var context = await LetterContext.LoadAsync(db, embeteId, year, ct);
        var done = await db.GrantLetters.Where(l => l.EmbeteId == embeteId && l.SchemeYear == year)
            .Select(l => l.GrantDecisionId).Distinct().ToListAsync(ct);
        var decisions = await db.GrantDecisions.AsNoTracking()
            .Where(d => d.EmbeteId == embeteId && d.SchemeYear == year)
            .OrderBy(d => d.CaseReference).ToListAsync(ct);
        var missing = decisions.Where(d => !done.Contains(d.Id)).Take(max is > 0 ? max.Value : int.MaxValue).ToList();
        var now = time.GetUtcNow();
        var inputs = missing.Select(d => Input(context, d, 1, null, now)).ToList();
        var emails = await ContactEmailsAsync(db, missing.Select(d => d.ApplicationId).ToList(), ct);
        var pdfs = await RenderAsync(inputs, ct);
        for (var i = 0; i < missing.Count; i++)
        {
            AddLetter(db, me, context, inputs[i], pdfs[i], null, emails.GetValueOrDefault(missing[i].ApplicationId), now);
        }
        await SaveAsync(db, ct);
        return new LetterProgress(year, true, decisions.Count, done.Count + missing.Count, missing.Count);
    }

    /// <summary>A corrected letter: the next version, saying which letter it replaces; the earlier versions stay.</summary>
    public static async Task<GrantLetter> CorrectAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid grantId, string? reason, FieldErrors errors, CancellationToken ct)
    {
        var decision = await StaffDecisionAsync(db, me, grantId, ct);
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > GrantLetter.MaxReasonLength)
        {
            errors.Add("reason", $"Skriv hvorfor brevet rettes (høyst {GrantLetter.MaxReasonLength} tegn). Begrunnelsen lagres med det nye brevet.");
            return null!;
        }
        var latest = await db.GrantLetters.AsNoTracking().Where(l => l.GrantDecisionId == decision.Id)
            .OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolationException("Det er ikke laget brev for dette vedtaket ennå. Lag brevene først.", "no-letter");
        var context = await LetterContext.LoadAsync(db, decision.EmbeteId, decision.SchemeYear, ct);
        var now = time.GetUtcNow();
        var input = Input(context, decision, latest.Version + 1, latest.LetterDate, now);
        var emails = await ContactEmailsAsync(db, [decision.ApplicationId], ct);
        var letter = AddLetter(db, me, context, input, GrantLetterPdf.Render(input), reason, emails.GetValueOrDefault(decision.ApplicationId), now);
        await SaveAsync(db, ct);
        return letter;
    }

    public static async Task<GrantPayment> MarkPaidAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid grantId, DateOnly? paidOnInput, FieldErrors errors, CancellationToken ct)
    {
        var decision = await StaffDecisionAsync(db, me, grantId, ct);
        if (paidOnInput is not { } paidOn)
        {
            errors.Add("paidOn", "Oppgi datoen tilskuddet ble betalt.");
            return null!;
        }
        if (decision.IsRefusal)
        {
            throw new RuleViolationException("Søknaden fikk avslag, så det er ingenting å betale ut.", "nothing-to-pay");
        }
        if (await db.GrantPayments.AsNoTracking().SingleOrDefaultAsync(p => p.GrantDecisionId == decision.Id, ct) is { } existing)
        {
            throw new RuleViolationException($"Tilskuddet er allerede markert som betalt {Format.Date(existing.PaidOn)} av {existing.MarkedByName}.", "already-paid");
        }
        var now = time.GetUtcNow();
        var payment = GrantPayment.Mark(decision, paidOn, me.Actor, now);
        db.GrantPayments.Add(payment);
        AuditTrail.Record(db, me, now, "payment.marked-paid", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            after: new { paidOn, amount = decision.AmountGranted, decision.CaseReference });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Tilskuddet ble markert som betalt av noen andre akkurat nå. Last inn siden på nytt.", "already-paid");
        }
        return payment;
    }

    /// <summary>The letter for a grant: the latest version, or <paramref name="version"/>. The owning organisation's applicants and the embete's staff only; everyone else 404.</summary>
    public static async Task<GrantLetter> ReadLetterAsync(AppDbContext db, CurrentUser me, Guid grantId, int? version, CancellationToken ct)
    {
        var decision = await db.GrantDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == grantId, ct);
        if (decision is null || !MayRead(me, decision))
        {
            throw new NotFoundException("Fant ikke tilskuddsbrevet.");
        }
        var letters = db.GrantLetters.AsNoTracking().Where(l => l.GrantDecisionId == decision.Id);
        var letter = version is { } v
            ? await letters.SingleOrDefaultAsync(l => l.Version == v, ct)
            : await letters.OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
        return letter ?? throw new NotFoundException(version is null ? "Tilskuddsbrevet er ikke laget ennå." : "Fant ikke denne versjonen av brevet.");
    }

    public static string FileName(GrantLetter letter, string caseReference) =>
        $"{ArchiveExport.SafeName(caseReference, "tilskuddsbrev")}_v{letter.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}.pdf";

    internal static bool MayRead(CurrentUser me, GrantDecision decision) =>
        (me.IsApplicant && me.OrganisationId == decision.OrganisationId)
        || (me.IsEmbeteStaff && me.EmbeteId == decision.EmbeteId);


    internal static async Task<bool> RoundApprovedAsync(AppDbContext db, string embeteId, int year, CancellationToken ct) =>
        await db.AllocationRounds.AnyAsync(r => r.EmbeteId == embeteId && r.SchemeYear == year && r.Status == RoundStatus.Approved, ct);

    internal static async Task EnsureApprovedAsync(AppDbContext db, string embeteId, int year, CancellationToken ct)
    {
        if (!await RoundApprovedAsync(db, embeteId, year, ct))
        {
            throw new RuleViolationException($"Fordelingen for {year} er ikke godkjent ennå. Brev og betalingsfiler kan lages når en leder har godkjent den.", "round-not-approved");
        }
    }

    private static async Task<GrantDecision> StaffDecisionAsync(AppDbContext db, CurrentUser me, Guid grantId, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        return await db.GrantDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == grantId && d.EmbeteId == embeteId, ct)
            ?? throw new NotFoundException("Fant ikke vedtaket.");
    }

    private static GrantLetterInput Input(LetterContext context, GrantDecision decision, int version, DateOnly? replaces, DateTimeOffset now) => new()
    {
        Decision = decision,
        Scheme = context.Scheme,
        Embete = context.Embete,
        Template = context.Template,
        LetterDate = DateOnly.FromDateTime(NorwayTime.ToLocal(now).DateTime),
        Version = version,
        ReplacesLetterDated = replaces,
    };

    /// <summary>
    /// The PDFs of the letters, rendered on every core: rendering is pure CPU (most of a letter's cost, mostly PdfPig
    /// reading the embedded font), touches no DbContext, and all of it happens before the one save.
    /// </summary>
    private static async Task<byte[][]> RenderAsync(List<GrantLetterInput> inputs, CancellationToken ct)
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
    private static async Task<Dictionary<Guid, string>> ContactEmailsAsync(AppDbContext db, IReadOnlyCollection<Guid> applicationIds, CancellationToken ct)
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

    private static GrantLetter AddLetter(
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
            var what = version == 1 ? "Tilskuddsbrevet" : $"Et korrigert tilskuddsbrev (versjon {version})";
            db.OutboxMessages.Add(OutboxMessage.Email(email, $"Tilskuddsbrev er klart: {decision.CaseReference}",
                $"Hei,\n\n{what} fra {context.Embete.Name} om {context.Scheme.Name} for {decision.SchemeYear} er klart.\n\n"
                + $"Saksnummer: {decision.CaseReference}\n\nLogg inn i KTU for å lese brevet.\n", now));
        }
        return letter;
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The unique (decision, version): someone else made the same letter in the same instant. Nothing of ours was saved.
            throw new RuleViolationException("Noen andre lager de samme brevene akkurat nå. Ingen brev er laget på nytt. Last inn siden og se hva som er laget.", "letters-busy");
        }
    }
}
