using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// What one part page is, as data for <see cref="PartEditor"/>: its step, which issue paths are its own, the order
/// of its fields, and whether the stored content holds anything of it.
/// </summary>
public sealed record PartShape(ApplicationStep Step, Func<string, bool> BelongsHere, IReadOnlyList<string> FieldOrder)
{
    /// <summary>True when the stored content holds anything of this part: a part the year no longer offers stays reachable to empty it.</summary>
    public Func<ApplicationContent, bool> HasContent { get; init; } = _ => false;

    /// <summary>The form field an issue path points at; parts whose rows are not 1:1 with the form give their own.</summary>
    public Func<string, string> FieldKey { get; init; } = FormFields.FormKey;

    /// <summary>False for a page that shows the application without a form of its own (the summary).</summary>
    public bool HasForm { get; init; } = true;
}
