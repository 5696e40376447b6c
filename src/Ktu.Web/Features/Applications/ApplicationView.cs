using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// An application with everything a reader needs: its content, who sends it to whom, the year's
/// rules, the totals and the issues. The API maps it to JSON; pages render it.
/// </summary>
internal sealed record ApplicationView(
    Application Application,
    ApplicationContent Content,
    Organisation Organisation,
    Embete Embete,
    ApplicationRuleContext Rules,
    ApplicationSummary Summary,
    IReadOnlyList<ValidationIssue> Issues)
{
    public bool HasErrors => ApplicationRules.HasErrors(Issues);

    public static async Task<ApplicationView> LoadAsync(AppDbContext db, Application application, DateTimeOffset now, CancellationToken ct)
    {
        var organisation = await db.Reference.OrganisationAsync(application.OrganisationId, ct)
            ?? throw new InvalidOperationException($"Organisation {application.OrganisationId} is missing.");
        var embete = await db.Reference.EmbeteAsync(application.EmbeteId, ct)
            ?? throw new InvalidOperationException($"Embete {application.EmbeteId} is missing.");
        var scheme = await db.Reference.SchemeYearAsync(application.SchemeYear, ct)
            ?? throw new InvalidOperationException($"Scheme year {application.SchemeYear} is missing.");
        var rules = RuleContext(scheme, organisation, application.EmbeteId, now);
        var content = application.ReadContent();
        var issues = ApplicationRules.Check(content, rules);
        if (application.Status == ApplicationStatus.Submitted)
        {
            // A submitted application was sent in time; the closed deadline only concerns changes.
            issues = issues.Where(i => i.Code != ApplicationsCloseAtTheDeadline.Code).ToList();
        }
        return new(application, content, organisation, embete, rules, ApplicationSummary.From(content), issues);
    }

    public static ApplicationRuleContext RuleContext(SchemeYear scheme, Organisation organisation, string embeteId, DateTimeOffset now)
    {
        var pot = scheme.Pots.FirstOrDefault(p => p.EmbeteId == embeteId);
        return new(scheme, organisation.Kind, Deadline.For(scheme, pot), now);
    }
}

/// <summary>Finding the caller's own applications. Anything of another organisation is "not found", never "forbidden".</summary>
internal static class ApplicationAccess
{
    public static async Task<Application> LoadOwnAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var organisationId = me.OrganisationId ?? throw new NotFoundException(ApplicationTexts.Application_NotFound);
        return await db.Applications.SingleOrDefaultAsync(a => a.Id == id && a.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException(ApplicationTexts.Application_NotFound);
    }
}
