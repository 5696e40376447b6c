using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Allocation;

/// <summary>Reads a request into <see cref="AllocationInput"/>, or says in Norwegian which fields are missing or wrong.</summary>
internal static class AllocationRequestReader
{
    internal abstract record Outcome;
    internal sealed record Readable(AllocationInput Input) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static Outcome Read(AllocationProposalRequest? request)
    {
        var problems = new FieldErrors();
        request ??= new();
        if (request.Pot is null)
        {
            problems.Add("pot", AllocationTexts.Invalid_PotMissing);
        }

        var earmarks = new List<EarmarkedAmount>();
        var givenEarmarks = request.Earmarks ?? [];
        if (givenEarmarks.Count > AllocationInputGuard.MaxEarmarks)
        {
            problems.Add("earmarks", Format.Text(AllocationTexts.Invalid_TooManyEarmarks, AllocationInputGuard.MaxEarmarks));
            return new Invalid(problems);
        }
        for (var i = 0; i < givenEarmarks.Count; i++)
        {
            var e = givenEarmarks[i];
            if (e is null)
            {
                problems.Add($"earmarks[{i}]", AllocationTexts.Invalid_EarmarkMissing);
                continue;
            }
            if (e.Amount is null)
            {
                problems.Add($"earmarks[{i}].amount", AllocationTexts.Invalid_EarmarkAmountMissing);
            }
            earmarks.Add(new() { Theme = Code(e.Theme) ?? "", Amount = e.Amount ?? 0 });
        }

        var lines = new List<AllocationLine>();
        if (request.Lines is null)
        {
            problems.Add("lines", AllocationTexts.Invalid_LinesMissing);
        }
        else if (request.Lines.Count > AllocationInputGuard.MaxLines)
        {
            problems.Add("lines", Format.Text(AllocationTexts.Invalid_TooManyLines, AllocationInputGuard.MaxLines));
            return new Invalid(problems);
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                if (ReadLine(request.Lines[i], $"lines[{i}]", problems) is { } line)
                {
                    lines.Add(line);
                }
            }
        }

        var settings = (request.Settings ?? new()).Over(AllocationSettings.Default);

        // Only a complete shape is checked against the computation's rules, so field paths stay right.
        if (problems.Count == 0)
        {
            problems.AddAll(AllocationInputGuard.Problems(request.Pot!.Value, earmarks, lines, settings));
        }
        return problems.Count == 0 ? new Readable(new AllocationInput(request.Pot!.Value, earmarks, lines, settings)) : new Invalid(problems);
    }

    private static AllocationLine? ReadLine(AllocationLineRequest? l, string at, FieldErrors problems)
    {
        if (l is null)
        {
            problems.Add(at, AllocationTexts.Invalid_LineMissing);
            return null;
        }
        var before = problems.Count;
        LineKind? kind = l.Kind?.Trim() switch
        {
            null or "" => null,
            "competence" => LineKind.Competence,
            "bpa" => LineKind.Bpa,
            "project" => LineKind.Project,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add($"{at}.kind", string.IsNullOrWhiteSpace(l.Kind)
                ? AllocationTexts.Invalid_KindMissing
                : Format.Text(AllocationTexts.Invalid_KindUnknown, l.Kind));
        }
        Domain.Applications.BpaRole? role = l.BpaRole?.Trim() switch
        {
            null or "" => null,
            "workLeader" => BpaRole.WorkLeader,
            "caseworker" => BpaRole.Caseworker,
            "assistant" => BpaRole.Assistant,
            _ => null,
        };
        if (role is null && !string.IsNullOrWhiteSpace(l.BpaRole))
        {
            problems.Add($"{at}.bpaRole", Format.Text(AllocationTexts.Invalid_BpaRoleUnknown, l.BpaRole));
        }
        Required(problems, l.Continuation is null, $"{at}.continuation", AllocationTexts.Invalid_ContinuationMissing);
        Required(problems, l.District is null, $"{at}.district", AllocationTexts.Invalid_DistrictMissing);
        Required(problems, l.AmountApplied is null, $"{at}.amountApplied", AllocationTexts.Invalid_AmountAppliedMissing);
        Required(problems, l.Score is null, $"{at}.score", AllocationTexts.Invalid_ScoreMissing);
        if (problems.Count > before)
        {
            return null;
        }
        return new AllocationLine
        {
            Id = l.Id?.Trim() ?? "",
            Applicant = l.Applicant?.Trim() ?? "",
            Kind = kind!.Value,
            EducationType = Code(l.EducationType),
            BpaRole = role,
            Theme = Code(l.Theme),
            Continuation = l.Continuation!.Value,
            District = l.District!.Value,
            AmountApplied = l.AmountApplied!.Value,
            Score = l.Score!.Value,
        };
    }

    private static void Required(FieldErrors problems, bool missing, string field, string text)
    {
        if (missing)
        {
            problems.Add(field, text);
        }
    }

    /// <summary>Codes are lower-case in the scheme year ("avlastning", "videreutdanning"); accept any case.</summary>
    private static string? Code(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
