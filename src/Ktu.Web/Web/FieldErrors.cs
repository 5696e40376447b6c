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

    public ValidationProblem ToValidationProblem() =>
        TypedResults.ValidationProblem(this, title: Texts.Problem_FieldErrors);
}
