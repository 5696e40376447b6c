using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Assessment;

/// <param name="ExtraConditions">Conditions for this applicant beyond the scheme year's standard ones, printed in the grant letter. Omitted or empty: none.</param>
public sealed record AssessmentRequest(int? Version, IReadOnlyList<LineAssessmentRequest>? Lines, string? Note, bool Completed, string? ExtraConditions = null);

public sealed record LineAssessmentRequest(string? LineId, int? Score, long? Amount, string? Reason);

/// <summary>
/// The assigned, impartial case officer scores each line of the submitted application (0–5), sets the amount that can
/// get a grant (at most the one applied for) with a reason for the letter, and may mark the case assessed.
/// </summary>
internal static class AssessCase
{
    /// <param name="ExtraConditions">Conditions for this applicant beyond the standard ones, printed in the grant letter; empty for none.</param>
    internal sealed record Input(int? Version, IReadOnlyList<LineInput>? Lines, string? Note, bool Completed, string? ExtraConditions);

    internal sealed record LineInput(string? LineId, int? Score, long? Amount, string? Reason);

    internal abstract record Outcome;
    internal sealed record Assessed : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapPut("/{id:guid}/assessment", AssessAsync)
            .WithSummary("Lagre vurderingen per linje: poeng 0–5, beløp (høyst det søkte) og kort begrunnelse som kan stå i brevet. completed=true melder saken ferdig vurdert.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<CaseResponse>, ValidationProblem>> AssessAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] AssessmentRequest? body, CancellationToken ct)
    {
        if (body is null)
        {
            return FieldErrors.Of("lines", AssessmentTexts.Assess_BodyMissing).ToValidationProblem();
        }
        var input = new Input(body.Version,
            body.Lines?.Select(l => new LineInput(l?.LineId, l?.Score, l?.Amount, l?.Reason)).ToList(),
            body.Note, body.Completed, body.ExtraConditions);
        return await HandleAsync(db, me, time, id, input, ct) switch
        {
            Assessed => TypedResults.Ok(CaseResponse.From(await CaseAccess.LoadViewAsync(db, me, id, ct), me)),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unknown outcome {other}."),
        };
    }

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid applicationId, Input input, CancellationToken ct)
    {
        CaseRules.RequireCaseOfficer(me);
        var view = await CaseAccess.LoadViewAsync(db, me, applicationId, ct);
        CaseRules.EnsureMayAssess(view, me);
        await CaseRules.EnsureRoundOpenAsync(db, view.Application, ct);
        var caseFile = view.CaseFile!;
        if (input.Version is { } v && v != caseFile.Version)
        {
            throw new RuleViolationException(
                Format.Text(AssessmentTexts.Assess_EditConflict, caseFile.UpdatedByName ?? AssessmentTexts.Assess_Someone), "edit-conflict");
        }

        var (lines, errors) = ReadLines(view, input);
        var note = input.Note?.Trim();
        if (note is { Length: > CaseFile.MaxNoteLength })
        {
            errors.Add("note", Format.Text(AssessmentTexts.Assess_NoteTooLong, CaseFile.MaxNoteLength));
        }
        var extraConditions = input.ExtraConditions?.Trim();
        if (extraConditions is { Length: > CaseFile.MaxExtraConditionsLength })
        {
            errors.Add("extraConditions", Format.Text(AssessmentTexts.Assess_ExtraConditionsTooLong, CaseFile.MaxExtraConditionsLength));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }

        var now = time.GetUtcNow();
        var before = new { lines = caseFile.ReadAssessments(), extraConditions = caseFile.ExtraConditions };
        caseFile.Assess(lines, note, extraConditions, input.Completed, me.Actor, now);
        AuditTrail.Record(db, me, now, "case.assessed", "application", view.Application.Id.ToString(),
            view.Application.OrganisationId, view.Application.EmbeteId,
            before: before, after: new { lines, extraConditions = caseFile.ExtraConditions, completed = input.Completed, status = caseFile.Status.ToString() });
        await db.SaveChangesAsync(ct);
        return new Assessed();
    }

    private static (List<LineAssessment> Lines, FieldErrors Errors) ReadLines(CaseView view, Input input)
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
                errors.Add($"{at}.lineId", AssessmentTexts.Assess_UnknownLine);
                continue;
            }
            if (result.Any(r => r.LineId == line.Id))
            {
                errors.Add($"{at}.lineId", Format.Text(AssessmentTexts.Assess_LineTwice, line.Label));
                continue;
            }
            if (g.Score is null && g.Amount is null && string.IsNullOrWhiteSpace(g.Reason))
            {
                continue;
            }
            answered.Add(line.Id);
            if (g.Score is not (>= 0 and <= 5))
            {
                errors.Add($"{at}.score", Format.Text(AssessmentTexts.Assess_ScoreRange, line.Label));
            }
            var amount = g.Amount ?? line.AmountApplied;
            if (amount < 0 || amount > line.AmountApplied)
            {
                errors.Add($"{at}.amount", Format.Text(AssessmentTexts.Assess_AmountRange, line.Label, Format.Nok(line.AmountApplied)));
            }
            var reason = g.Reason?.Trim();
            if (reason is { Length: > CaseFile.MaxReasonLength })
            {
                errors.Add($"{at}.reason", Format.Text(AssessmentTexts.Assess_ReasonTooLong, line.Label, CaseFile.MaxReasonLength));
            }
            if (g.Score is >= 0 and <= 5 && amount >= 0 && amount <= line.AmountApplied)
            {
                if (amount < line.AmountApplied && string.IsNullOrEmpty(reason))
                {
                    errors.Add($"{at}.reason", Format.Text(AssessmentTexts.Assess_ReasonForLowerAmount, line.Label));
                }
                if (g.Score == 0 && string.IsNullOrEmpty(reason))
                {
                    errors.Add($"{at}.reason", Format.Text(AssessmentTexts.Assess_ReasonForNoGrant, line.Label));
                }
                result.Add(new LineAssessment(line.Id, g.Score.Value, g.Score == 0 ? 0 : amount, string.IsNullOrEmpty(reason) ? null : reason));
            }
        }
        if (input.Completed)
        {
            foreach (var missing in view.Lines.Where(l => !answered.Contains(l.Id)))
            {
                errors.Add("lines", Format.Text(AssessmentTexts.Assess_LineMissing, missing.Label));
            }
            if (view.Status == CaseStatus.AwaitingApplicant)
            {
                errors.Add("completed", AssessmentTexts.Assess_AwaitingApplicant);
            }
        }
        return (result, errors);
    }
}
