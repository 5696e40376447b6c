using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Web;

/// <summary>
/// How a staff page runs one change: the action's own field errors, a refused rule and a change someone else made
/// at the same moment all end up in ModelState, where the page's error summary shows them. The page then redirects
/// (saved) or shows itself again with what was typed; a refused change has written nothing.
/// </summary>
internal static class PageWrites
{
    /// <summary>
    /// Runs <paramref name="action"/>; true when it saved. Otherwise its errors are in <paramref name="modelState"/>, each
    /// under <paramref name="fieldId"/> of its field path, and a refused rule or a concurrent change under <paramref name="field"/>.
    /// </summary>
    public static async Task<bool> TryAsync(
        ModelStateDictionary modelState, string field, string concurrentChange, Func<Task<FieldErrors>> action, Func<string, string>? fieldId = null)
    {
        try
        {
            var errors = await action();
            if (errors.Count == 0)
            {
                return true;
            }
            foreach (var (key, messages) in errors)
            {
                foreach (var message in messages)
                {
                    modelState.AddModelError(fieldId?.Invoke(key) ?? key, message);
                }
            }
        }
        catch (RuleViolationException e)
        {
            modelState.AddModelError(field, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            modelState.AddModelError(field, concurrentChange);
        }
        return false;
    }
}
