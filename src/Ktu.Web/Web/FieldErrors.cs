using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Web;

/// <summary>
/// Input errors: field path → Norwegian messages; empty when the input is fine. The one shape in which a handler
/// reports wrong input. The API answers it as a 400 ValidationProblem (<see cref="ToValidationProblem"/>); pages put it in
/// ModelState (<see cref="PageWrites"/>).
/// </summary>
internal sealed class FieldErrors : Dictionary<string, string[]>
{
    public FieldErrors()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>One error: <paramref name="message"/> on <paramref name="field"/>.</summary>
    public static FieldErrors Of(string field, string message) => new() { [field] = [message] };

    public void Add(string field, string message) =>
        this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>Adds every error of <paramref name="other"/>.</summary>
    public void AddAll(FieldErrors other)
    {
        foreach (var (field, messages) in other)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    /// <param name="title">The answer's title; by default "Noen felt må rettes."</param>
    public ValidationProblem ToValidationProblem(string? title = null) =>
        TypedResults.ValidationProblem(this, title: title ?? Texts.Problem_FieldErrors);
}
