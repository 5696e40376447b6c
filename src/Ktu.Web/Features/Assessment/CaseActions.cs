using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Applications;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Assessment;

/// <summary>
/// What a case officer does on one application: declares impartiality, assesses each line, asks the applicant.
/// Each action checks the caller's right to the case, writes the change and its audit entry in one transaction,
/// and refuses with a Norwegian message (409) when the state does not allow it.
/// </summary>
internal static class CaseActions
{
    public sealed record ImpartialityInput(bool Conflict, string? Reason);

    /// <param name="ExtraConditions">Conditions for this applicant beyond the standard ones, printed in the grant letter; empty for none.</param>
    public sealed record AssessmentInput(int? Version, IReadOnlyList<LineAssessmentInput>? Lines, string? Note, bool Completed, string? ExtraConditions);

    public sealed record LineAssessmentInput(string? LineId, int? Score, long? Amount, string? Reason);

    /// <summary>Declares the caller impartial (and takes an unassigned case) or not (and hands the case on). Returns a message for the user.</summary>
    public static async Task<(string Message, FieldErrors Errors)> DeclareImpartialityAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, ImpartialityInput input, CancellationToken ct)
    {
        RequireCaseOfficer(me);
        var application = await CaseAccess.LoadAsync(db, me, applicationId, ct);
        var errors = new FieldErrors();
        var reason = input.Reason?.Trim();
        if (input.Conflict && string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", "Skriv kort hvorfor du er inhabil, for eksempel nær familie i kommunens ledelse.");
        }
        if (reason is { Length: > ImpartialityDeclaration.MaxReasonLength })
        {
            errors.Add("reason", $"Begrunnelsen kan være høyst {ImpartialityDeclaration.MaxReasonLength} tegn.");
        }
        if (errors.Count > 0)
        {
            return ("", errors);
        }
        var now = time.GetUtcNow();
        var actor = me.Actor;
        var caseFile = await OpenCaseFileAsync(db, application, now, ct);
        var declaration = ImpartialityDeclaration.Declare(application.Id, actor, input.Conflict, reason, now);
        db.ImpartialityDeclarations.Add(declaration);
        AuditTrail.Record(db, me, now, "case.impartiality-declared", "application", application.Id.ToString(),
            application.OrganisationId, application.EmbeteId, after: new { declaration.Conflict, declaration.Reason });

        string message;
        if (!input.Conflict)
        {
            if (caseFile.AssignedOfficerId is null)
            {
                caseFile.AssignTo(actor, now);
                AuditTrail.Record(db, me, now, "case.assigned", "application", application.Id.ToString(),
                    application.OrganisationId, application.EmbeteId, after: new { officer = actor.Name ?? actor.Email });
                message = "Du har erklært deg habil, og saken er tildelt deg.";
            }
            else
            {
                message = caseFile.IsAssignedTo(actor.UserId)
                    ? "Du har erklært deg habil."
                    : $"Du har erklært deg habil. Saken er tildelt {caseFile.AssignedOfficerName}.";
            }
        }
        else
        {
            message = "Du har erklært deg inhabil og kan ikke behandle saken.";
            if (caseFile.AssignedOfficerId is null || caseFile.IsAssignedTo(actor.UserId))
            {
                var next = await NextOfficerAsync(db, application, actor.UserId, ct);
                var before = caseFile.AssignedOfficerName;
                caseFile.AssignTo(next, now);
                AuditTrail.Record(db, me, now, "case.reassigned", "application", application.Id.ToString(),
                    application.OrganisationId, application.EmbeteId,
                    before: new { officer = before }, after: new { officer = next?.Name ?? next?.Email, reason = "inhabil" });
                message += next is null
                    ? " Det finnes ingen annen saksbehandler i embetet som kan ta saken; en leder må fordele den."
                    : $" Saken er overført til {next.Name ?? next.Email}.";
                if (next?.Email is { } to)
                {
                    db.OutboxMessages.Add(OutboxMessage.Email(to, $"Ny sak til deg: {application.Reference}",
                        $"Hei,\n\nSøknad {application.Reference} er overført til deg fordi saksbehandleren som hadde den, har erklært seg inhabil.\n\nDu finner saken i innboksen i KTU.\n", now));
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return (message, errors);
    }

    public static async Task<FieldErrors> AssessAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, AssessmentInput input, CancellationToken ct)
    {
        RequireCaseOfficer(me);
        var view = await CaseAccess.LoadViewAsync(db, me, applicationId, ct);
        EnsureMayAssess(view, me);
        await EnsureRoundOpenAsync(db, view.Application, ct);
        var caseFile = view.CaseFile!;
        if (input.Version is { } v && v != caseFile.Version)
        {
            throw new RuleViolationException(
                $"{caseFile.UpdatedByName ?? "Noen"} har endret vurderingen etter at du åpnet den. Last inn siden på nytt; det du skrev, er ikke lagret.",
                "edit-conflict");
        }

        var (lines, errors) = ReadLines(view, input);
        var note = input.Note?.Trim();
        if (note is { Length: > CaseFile.MaxNoteLength })
        {
            errors.Add("note", $"Notatet kan være høyst {CaseFile.MaxNoteLength} tegn.");
        }
        var extraConditions = input.ExtraConditions?.Trim();
        if (extraConditions is { Length: > CaseFile.MaxExtraConditionsLength })
        {
            errors.Add("extraConditions", $"De særlige vilkårene kan være høyst {CaseFile.MaxExtraConditionsLength} tegn. Skriv dem kortere, eller henvis til et vedlegg.");
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        var now = time.GetUtcNow();
        var before = new { lines = caseFile.ReadAssessments(), extraConditions = caseFile.ExtraConditions };
        caseFile.Assess(lines, note, extraConditions, input.Completed, me.Actor, now);
        AuditTrail.Record(db, me, now, "case.assessed", "application", view.Application.Id.ToString(),
            view.Application.OrganisationId, view.Application.EmbeteId,
            before: before, after: new { lines, extraConditions = caseFile.ExtraConditions, completed = input.Completed, status = caseFile.Status.ToString() });
        await db.SaveChangesAsync(ct);
        return errors;
    }

    private static (List<LineAssessment> Lines, FieldErrors Errors) ReadLines(CaseView view, AssessmentInput input)
    {
        var errors = new FieldErrors();
        var given = input.Lines ?? [];
        var known = view.Lines.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var result = new List<LineAssessment>();
        // Lines with something filled in: one with an error of its own is not also reported as missing.
        var answered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < given.Count; i++)
        {
            var g = given[i];
            var at = $"lines[{i}]";
            if (g.LineId is null || !known.TryGetValue(g.LineId, out var line))
            {
                errors.Add($"{at}.lineId", "Linjen finnes ikke i den innsendte søknaden.");
                continue;
            }
            if (result.Any(r => r.LineId == line.Id))
            {
                errors.Add($"{at}.lineId", $"«{line.Label}» er vurdert to ganger.");
                continue;
            }
            if (g.Score is null && g.Amount is null && string.IsNullOrWhiteSpace(g.Reason))
            {
                continue;
            }
            answered.Add(line.Id);
            if (g.Score is not (>= 0 and <= 5))
            {
                errors.Add($"{at}.score", $"Velg en poengsum fra 0 til 5 for «{line.Label}».");
            }
            var amount = g.Amount ?? line.AmountApplied;
            if (amount < 0 || amount > line.AmountApplied)
            {
                errors.Add($"{at}.amount", $"Beløpet for «{line.Label}» må være mellom 0 og det søkte beløpet, {Format.Nok(line.AmountApplied)}.");
            }
            var reason = g.Reason?.Trim();
            if (reason is { Length: > CaseFile.MaxReasonLength })
            {
                errors.Add($"{at}.reason", $"Begrunnelsen for «{line.Label}» kan være høyst {CaseFile.MaxReasonLength} tegn.");
            }
            if (g.Score is >= 0 and <= 5 && amount >= 0 && amount <= line.AmountApplied)
            {
                if (amount < line.AmountApplied && string.IsNullOrEmpty(reason))
                {
                    errors.Add($"{at}.reason", $"Skriv hvorfor «{line.Label}» får lavere beløp enn det er søkt om. Begrunnelsen kan stå i tilskuddsbrevet.");
                }
                if (g.Score == 0 && string.IsNullOrEmpty(reason))
                {
                    errors.Add($"{at}.reason", $"Skriv hvorfor «{line.Label}» ikke skal få tilskudd. Begrunnelsen kan stå i tilskuddsbrevet.");
                }
                result.Add(new LineAssessment(line.Id, g.Score.Value, g.Score == 0 ? 0 : amount, string.IsNullOrEmpty(reason) ? null : reason));
            }
        }
        if (input.Completed)
        {
            foreach (var missing in view.Lines.Where(l => !answered.Contains(l.Id)))
            {
                errors.Add("lines", $"«{missing.Label}» mangler poengsum. Alle linjer må vurderes før saken er ferdig vurdert.");
            }
            if (view.Status == CaseStatus.AwaitingApplicant)
            {
                errors.Add("completed", "Saken venter på svar fra søkeren og kan ikke meldes ferdig vurdert ennå.");
            }
        }
        return (result, errors);
    }

    public static async Task<FieldErrors> AskApplicantAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, string? question, CancellationToken ct)
    {
        RequireCaseOfficer(me);
        var view = await CaseAccess.LoadViewAsync(db, me, applicationId, ct);
        var errors = new FieldErrors();
        var text = question?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("question", "Skriv hva du vil spørre søkeren om.");
        }
        else if (text.Length > InformationRequest.MaxLength)
        {
            errors.Add("question", $"Spørsmålet kan være høyst {InformationRequest.MaxLength} tegn.");
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        EnsureMayAssess(view, me);
        await EnsureRoundOpenAsync(db, view.Application, ct);
        var now = time.GetUtcNow();
        var actor = me.Actor;
        var request = InformationRequest.Ask(view.Application.Id, text, actor, now);
        db.InformationRequests.Add(request);
        view.CaseFile!.AwaitApplicant(actor, now);
        AuditTrail.Record(db, me, now, "case.information-requested", "application", view.Application.Id.ToString(),
            view.Application.OrganisationId, view.Application.EmbeteId, after: new { request.Id, request.Question });
        if (view.Snapshot.Application.Contact?.Email is { Length: > 0 } to && Domain.Rules.ContactPersonIsReachable.IsEmail(to))
        {
            db.OutboxMessages.Add(OutboxMessage.Email(to.Trim(), $"Spørsmål om søknad {view.Application.Reference}",
                $"Hei,\n\n{view.Snapshot.ReceivingEmbete.Name} trenger flere opplysninger for å behandle søknaden deres ({view.Application.Reference}).\n\n" +
                "Logg inn i KTU og svar på spørsmålet på søknadssiden. Saken venter til dere har svart.\n\nDenne e-posten er sendt automatisk og kan ikke besvares.\n", now));
        }
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>The applicant answers a question from the embete on its own application.</summary>
    public static async Task<FieldErrors> AnswerAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, Guid requestId, string? answer, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, applicationId, ct);
        var errors = new FieldErrors();
        var text = answer?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("answer", "Skriv svaret før du sender det.");
        }
        else if (text.Length > InformationRequest.MaxLength)
        {
            errors.Add("answer", $"Svaret kan være høyst {InformationRequest.MaxLength} tegn.");
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var request = await db.InformationRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.ApplicationId == application.Id, ct)
            ?? throw new NotFoundException("Fant ikke spørsmålet.");
        if (!request.IsOpen)
        {
            throw new RuleViolationException("Spørsmålet er allerede besvart.", "already-answered");
        }
        var now = time.GetUtcNow();
        request.Reply(text, me.Actor, now);
        var stillOpen = await db.InformationRequests.AnyAsync(r => r.ApplicationId == application.Id && r.Id != request.Id && r.AnsweredAt == null, ct);
        var caseFile = await db.CaseFiles.SingleOrDefaultAsync(c => c.ApplicationId == application.Id, ct);
        if (!stillOpen)
        {
            caseFile?.ApplicantAnswered(now);
        }
        AuditTrail.Record(db, me, now, "application.information-provided", "application", application.Id.ToString(),
            application.OrganisationId, application.EmbeteId, after: new { request.Id, request.Answer });
        if (caseFile?.AssignedOfficerId is { } officerId
            && await db.Users.Where(u => u.Id == officerId).Select(u => u.Email).SingleOrDefaultAsync(ct) is { } to)
        {
            db.OutboxMessages.Add(OutboxMessage.Email(to, $"Søkeren har svart: {application.Reference}",
                $"Hei,\n\nSøkeren har svart på spørsmålet ditt om søknad {application.Reference}. Svaret står i saken i KTU.\n", now));
        }
        await db.SaveChangesAsync(ct);
        return errors;
    }

    private static void RequireCaseOfficer(CurrentUser me)
    {
        if (!me.IsInRole(Roles.CaseOfficer))
        {
            throw new ForbiddenException("Bare saksbehandlere kan vurdere søknader.");
        }
    }

    private static void EnsureMayAssess(CaseView view, CurrentUser me)
    {
        if (view.IsWithdrawn)
        {
            throw new RuleViolationException("Søkeren har trukket søknaden. Den kan vurderes igjen når den er sendt inn på nytt.", "withdrawn");
        }
        if (view.DeclarationOf(me.Id) is not { Conflict: false })
        {
            throw new RuleViolationException("Du må erklære deg habil før du kan vurdere søknaden.", "impartiality-required");
        }
        if (view.CaseFile?.IsAssignedTo(me.Id ?? "") != true)
        {
            throw new RuleViolationException(
                view.CaseFile?.AssignedOfficerName is { } name ? $"Saken er tildelt {name}. Bare den som har saken, kan vurdere den." : "Saken er ikke tildelt deg.",
                "not-assigned");
        }
    }

    /// <summary>Once the allocation is sent for approval, the assessments it was made from are frozen.</summary>
    internal static async Task EnsureRoundOpenAsync(AppDbContext db, Application application, CancellationToken ct, string? forApplicant = null)
    {
        var status = await db.AllocationRounds
            .Where(r => r.EmbeteId == application.EmbeteId && r.SchemeYear == application.SchemeYear)
            .Select(r => (RoundStatus?)r.Status).SingleOrDefaultAsync(ct);
        if (status is RoundStatus.AwaitingApproval)
        {
            throw new RuleViolationException(forApplicant ?? "Fordelingen er sendt til godkjenning. Vurderingen kan ikke endres før lederen har sendt den tilbake.", "round-awaiting-approval");
        }
        if (status is RoundStatus.Approved)
        {
            throw new RuleViolationException(forApplicant ?? "Vedtaket er fattet. Vurderingen kan ikke endres.", "round-approved");
        }
    }

    private static async Task<CaseFile> OpenCaseFileAsync(AppDbContext db, Application application, DateTimeOffset now, CancellationToken ct)
    {
        var caseFile = await db.CaseFiles.SingleOrDefaultAsync(c => c.ApplicationId == application.Id, ct);
        if (caseFile is null)
        {
            caseFile = CaseFile.Open(application, now);
            db.CaseFiles.Add(caseFile);
        }
        return caseFile;
    }

    /// <summary>Another case officer of the embete who has not declared a conflict here, the one with fewest cases first.</summary>
    private static async Task<Actor?> NextOfficerAsync(AppDbContext db, Application application, string excludeUserId, CancellationToken ct)
    {
        var conflicted = await db.ImpartialityDeclarations
            .Where(d => d.ApplicationId == application.Id && d.Conflict)
            .Select(d => d.UserId).Distinct().ToListAsync(ct);
        var officerRole = await db.Roles.Where(r => r.Name == Roles.CaseOfficer).Select(r => r.Id).SingleAsync(ct);
        var candidates = await db.Users
            .Where(u => u.EmbeteId == application.EmbeteId && u.Id != excludeUserId && !conflicted.Contains(u.Id))
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == officerRole))
            .Select(u => new { u.Id, u.FullName, u.Email })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return null;
        }
        var load = await db.CaseFiles
            .Where(c => c.EmbeteId == application.EmbeteId && c.SchemeYear == application.SchemeYear && c.AssignedOfficerId != null)
            .GroupBy(c => c.AssignedOfficerId!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var chosen = candidates
            .OrderBy(c => load.GetValueOrDefault(c.Id))
            .ThenBy(c => c.Email, StringComparer.Ordinal)
            .First();
        return new Actor(chosen.Id, chosen.FullName, chosen.Email);
    }
}
