using Ktu.Web.Domain;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Allocation;

/// <summary>A what-if scenario. Every field is nullable so a missing one is reported by name, in Norwegian.</summary>
public sealed record AllocationProposalRequest
{
    /// <summary>The embete's pot in whole kroner, earmarks included.</summary>
    public long? Pot { get; init; }
    /// <summary>Earmarked parts of the pot; none when left out.</summary>
    public List<EarmarkRequest?>? Earmarks { get; init; }
    public List<AllocationLineRequest?>? Lines { get; init; }
    /// <summary>Changes to the default settings for this scenario; left-out settings keep their default.</summary>
    public AllocationSettingsRequest? Settings { get; init; }
}

public sealed record EarmarkRequest
{
    public string? Theme { get; init; }
    public long? Amount { get; init; }
}

public sealed record AllocationLineRequest
{
    public string? Id { get; init; }
    public string? Applicant { get; init; }
    /// <summary>competence, bpa or project.</summary>
    public string? Kind { get; init; }
    /// <summary>Education type code; required for competence.</summary>
    public string? EducationType { get; init; }
    /// <summary>workLeader, caseworker or assistant; required for bpa.</summary>
    public string? BpaRole { get; init; }
    public string? Theme { get; init; }
    public bool? Continuation { get; init; }
    public bool? District { get; init; }
    public long? AmountApplied { get; init; }
    /// <summary>0–5 from the assessment; 0 = not to be funded.</summary>
    public int? Score { get; init; }
}

public sealed record AllocationSettingsRequest
{
    /// <summary>Weights of scores 1–5.</summary>
    public List<int>? ScoreWeights { get; init; }
    public int? DistrictWeightPercent { get; init; }
    public long? MinimumAmount { get; init; }
    public long? RoundingUnit { get; init; }

    /// <summary>These settings, with every one left out taken from <paramref name="defaults"/>.</summary>
    internal AllocationSettings Over(AllocationSettings defaults) => new()
    {
        ScoreWeights = ScoreWeights?.ToArray() ?? defaults.ScoreWeights,
        DistrictWeightPercent = DistrictWeightPercent ?? defaults.DistrictWeightPercent,
        MinimumAmount = MinimumAmount ?? defaults.MinimumAmount,
        RoundingUnit = RoundingUnit ?? defaults.RoundingUnit,
    };
}

public sealed record ProposedLineDto(string Id, long AmountApplied, long AmountProposed, long FromEarmark, string Outcome, string Reason);
public sealed record EarmarkUseDto(string Theme, long Amount, long Used, long Left);
public sealed record AllocationSettingsDto(IReadOnlyList<int> ScoreWeights, int DistrictWeightPercent, long MinimumAmount, long RoundingUnit);

public sealed record AllocationProposalResponse(
    IReadOnlyList<ProposedLineDto> Lines,
    long TotalProposed,
    long Unallocated,
    IReadOnlyList<EarmarkUseDto> Earmarks,
    AllocationSettingsDto Settings);

/// <summary>The input computed on, once the request has the shape the computation needs.</summary>
internal sealed record AllocationInput(long Pot, IReadOnlyList<EarmarkedAmount> Earmarks, IReadOnlyList<AllocationLine> Lines, AllocationSettings Settings);

/// <summary>Reads a request into <see cref="AllocationInput"/>, or says in Norwegian which fields are missing or wrong.</summary>
internal static class AllocationRequestReader
{
    public static (AllocationInput? Input, FieldErrors Problems) Read(AllocationProposalRequest? request)
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
            return (null, problems);
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
            return (null, problems);
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
        return problems.Count == 0 ? (new AllocationInput(request.Pot!.Value, earmarks, lines, settings), problems) : (null, problems);
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
            "workLeader" => Domain.Applications.BpaRole.WorkLeader,
            "caseworker" => Domain.Applications.BpaRole.Caseworker,
            "assistant" => Domain.Applications.BpaRole.Assistant,
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
