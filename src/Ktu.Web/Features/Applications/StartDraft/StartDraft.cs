using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Starts the organisation's one application for an open scheme year, or finds the one already
/// started (by this user or a colleague). Two people starting at once end up with the same application.
/// </summary>
internal static class StartDraft
{
    internal sealed record Outcome(Application Application, bool Created);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int schemeYear, CancellationToken ct)
    {
        var organisationId = me.OrganisationId ?? throw new ForbiddenException(ApplicationTexts.Start_NotInOrganisation);
        if (await FindAsync(db, organisationId, schemeYear, ct) is { } existing)
        {
            return new(existing, Created: false);
        }

        var scheme = await db.Reference.SchemeYearAsync(schemeYear, ct)
            ?? throw new NotFoundException(Format.Text(ApplicationTexts.Start_NoScheme, schemeYear));
        var organisation = await db.Reference.OrganisationAsync(organisationId, ct)
            ?? throw new ForbiddenException(ApplicationTexts.Start_NotInOrganisation);
        if (!scheme.IsPublished)
        {
            throw new RuleViolationException(Format.Text(ApplicationTexts.Start_NotPublished, schemeYear), "scheme-not-published");
        }
        if (!organisation.IsActive)
        {
            throw new RuleViolationException(Format.Text(ApplicationTexts.Start_Deactivated, organisation.Name), "organisation-deactivated");
        }
        if (!scheme.IsEligible(organisation.Kind))
        {
            throw new RuleViolationException(
                Format.Text(ApplicationTexts.Start_NotEligible, organisation.Kind.Norwegian().ToLowerInvariant(), schemeYear), "not-eligible");
        }
        var now = time.GetUtcNow();
        var rules = ApplicationView.RuleContext(scheme, organisation, organisation.EmbeteId, now);
        if (!rules.IsBeforeDeadline)
        {
            throw new RuleViolationException(
                Format.Text(ApplicationTexts.Start_DeadlinePassed, schemeYear, Format.Deadline(rules.Deadline)),
                ApplicationsCloseAtTheDeadline.Code);
        }

        var application = Application.Start(Guid.CreateVersion7(now), organisation, schemeYear, me.Actor, now);
        db.Applications.Add(application);
        try
        {
            await db.SaveChangesAsync(ct);
            return new(application, Created: true);
        }
        catch (DbUpdateException)
        {
            // A colleague started it a moment ago: the unique index on (organisation, year) kept it to one.
            db.ChangeTracker.Clear();
            var winner = await FindAsync(db, organisationId, schemeYear, ct);
            return winner is null ? throw new InvalidOperationException("Start failed without a competing application.") : new(winner, Created: false);
        }
    }

    private static Task<Application?> FindAsync(AppDbContext db, int organisationId, int schemeYear, CancellationToken ct) =>
        db.Applications.SingleOrDefaultAsync(a => a.OrganisationId == organisationId && a.SchemeYear == schemeYear, ct);
}
