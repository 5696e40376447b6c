using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Saves the whole draft, complete or not, and returns it with its issues. Only a stale version
/// (someone else saved in between), an absurd input or a submitted application stop the save.
/// </summary>
internal static class SaveDraft
{
    internal abstract record Outcome;
    internal sealed record Saved(ApplicationView View) : Outcome;
    internal sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
    /// <summary>Nothing was saved; <paramref name="Current"/> is what is stored now, the caller still has its own input.</summary>
    internal sealed record Conflict(ApplicationView Current) : Outcome;

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid id, ApplicationInput input, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        var errors = DraftShape.Check(input);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var now = time.GetUtcNow();
        if (!application.IsEditable)
        {
            throw new RuleViolationException(
                "Søknaden er sendt inn og kan ikke endres. Trekk den tilbake først hvis du vil endre den; det du sendte, blir tatt vare på.",
                "application-submitted");
        }
        if (input.Version != application.Version)
        {
            return new Conflict(await ApplicationView.LoadAsync(db, application, now, ct));
        }

        application.SaveDraft(input.ToContent(), me.Actor, now);
        // Autosave is the hot path: on SQLite it is committed together with other requests' saves (ADR 0011).
        if (!await RowUpdates.SaveAsync(db, ct))
        {
            // Someone saved between our read and our write: report it, overwrite nothing.
            db.ChangeTracker.Clear();
            var current = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
            return new Conflict(await ApplicationView.LoadAsync(db, current, now, ct));
        }
        return new Saved(await ApplicationView.LoadAsync(db, application, now, ct));
    }

    public static string ConflictMessage(ApplicationView current) =>
        $"Søknaden ble endret av {current.Application.UpdatedByName ?? "en annen bruker"} " +
        $"{Format.Deadline(current.Application.UpdatedAt)} etter at du åpnet den. Endringene dine er ikke lagret, " +
        "men de er ikke borte: de står fortsatt i skjemaet ditt. Last inn den nye versjonen, legg inn endringene dine og lagre igjen.";
}
