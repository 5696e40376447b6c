using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Allocation;

/// <summary>A field in the input and what is wrong with it, in Norwegian. Fields are JSON paths: "lines[3].score".</summary>
/// <summary>
/// What <see cref="AllocationProposal.Compute"/> requires of its input. The API reports these as a 400
/// ValidationProblem; the computation refuses input that breaks them, so it never guesses.
/// </summary>
internal static class AllocationInputGuard
{
    public const int MaxLines = 5000;
    public const int MaxEarmarks = 100;
    public const int MaxIdLength = 100;
    public const int MaxTextLength = 200;

    public static void Check(long pot, IReadOnlyList<EarmarkedAmount> earmarks, IReadOnlyList<AllocationLine> lines, AllocationSettings settings)
    {
        var problems = Problems(pot, earmarks, lines, settings);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}")));
        }
    }

    public static FieldErrors Problems(long pot, IReadOnlyList<EarmarkedAmount> earmarks, IReadOnlyList<AllocationLine> lines, AllocationSettings settings)
    {
        var problems = new FieldErrors();
        Amount(problems, "pot", pot);

        if (earmarks.Count > MaxEarmarks)
        {
            problems.Add("earmarks", Format.Text(AllocationTexts.Invalid_TooManyEarmarks, MaxEarmarks));
            return problems;
        }
        var themes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < earmarks.Count; i++)
        {
            var e = earmarks[i];
            if (string.IsNullOrWhiteSpace(e.Theme))
            {
                problems.Add($"earmarks[{i}].theme", AllocationTexts.Invalid_ThemeMissing);
            }
            else if (!themes.Add(e.Theme))
            {
                problems.Add($"earmarks[{i}].theme", Format.Text(AllocationTexts.Invalid_ThemeTwice, e.Theme));
            }
            Amount(problems, $"earmarks[{i}].amount", e.Amount);
        }
        var earmarked = earmarks.Aggregate(Int128.Zero, (sum, e) => sum + Math.Max(0, e.Amount));
        if (pot >= 0 && earmarked > pot)
        {
            problems.Add("earmarks", Format.Text(AllocationTexts.Invalid_EarmarksAbovePot, Format.Nok((long)Int128.Min(earmarked, long.MaxValue)), Format.Nok(pot)));
        }

        if (lines.Count > MaxLines)
        {
            problems.Add("lines", Format.Text(AllocationTexts.Invalid_TooManyLines, MaxLines));
            return problems;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            Line(problems, $"lines[{i}]", lines[i], ids);
        }

        Settings(problems, settings);
        return problems;
    }

    private static void Line(FieldErrors problems, string at, AllocationLine line, HashSet<string> ids)
    {
        if (string.IsNullOrWhiteSpace(line.Id))
        {
            problems.Add($"{at}.id", AllocationTexts.Invalid_IdMissing);
        }
        else if (line.Id.Length > MaxIdLength)
        {
            problems.Add($"{at}.id", Format.Text(AllocationTexts.Invalid_TooLong, MaxIdLength));
        }
        else if (!ids.Add(line.Id))
        {
            problems.Add($"{at}.id", Format.Text(AllocationTexts.Invalid_IdTwice, line.Id));
        }
        if (string.IsNullOrWhiteSpace(line.Applicant))
        {
            problems.Add($"{at}.applicant", AllocationTexts.Invalid_ApplicantMissing);
        }
        TextLength(problems, $"{at}.applicant", line.Applicant);
        TextLength(problems, $"{at}.educationType", line.EducationType);
        TextLength(problems, $"{at}.theme", line.Theme);
        if (line.Kind == LineKind.Competence && string.IsNullOrWhiteSpace(line.EducationType))
        {
            problems.Add($"{at}.educationType", AllocationTexts.Invalid_EducationTypeMissing);
        }
        if (line.Kind == LineKind.Bpa && line.BpaRole is null)
        {
            problems.Add($"{at}.bpaRole", AllocationTexts.Invalid_BpaRoleMissing);
        }
        if (!Enum.IsDefined(line.Kind))
        {
            problems.Add($"{at}.kind", Format.Text(AllocationTexts.Invalid_KindUnknown, line.Kind));
        }
        Amount(problems, $"{at}.amountApplied", line.AmountApplied);
        if (line.Score is < 0 or > 5)
        {
            problems.Add($"{at}.score", AllocationTexts.Invalid_Score);
        }
    }

    public static FieldErrors SettingsProblems(AllocationSettings settings)
    {
        var problems = new FieldErrors();
        Settings(problems, settings);
        return problems;
    }

    private static void Settings(FieldErrors problems, AllocationSettings s)
    {
        foreach (var (field, message) in s.Problems())
        {
            problems.Add("settings." + field, message);
        }
    }

    private static void Amount(FieldErrors problems, string field, long amount)
    {
        if (amount < 0)
        {
            problems.Add(field, AllocationTexts.Invalid_AmountNegative);
        }
        else if (amount > AllocationSettings.MaxAmount)
        {
            problems.Add(field, Format.Text(AllocationTexts.Invalid_AmountTooLarge, Format.Nok(AllocationSettings.MaxAmount)));
        }
    }

    private static void TextLength(FieldErrors problems, string field, string? text)
    {
        if (text is { Length: > MaxTextLength })
        {
            problems.Add(field, Format.Text(AllocationTexts.Invalid_TooLong, MaxTextLength));
        }
    }
}
