using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Schemes;

/// <summary>
/// The directorate publishes a scheme year when the call goes out: applicants can then apply, and the year's rules are
/// frozen (<see cref="EditSchemeYear"/>), so an application is always read against the rules it was written under. Audited.
/// </summary>
internal static class PublishSchemeYear
{
    internal abstract record Outcome;
    internal sealed record Published(SchemeYear Scheme) : Outcome;

    public sealed record Input(int? Version);

    public static void Map(RouteGroupBuilder schemes) =>
        schemes.MapPost("/{year:int}/publish", EndpointAsync)
            .RequireAuthorization(Policies.Directorate)
            .WithSummary("Publiser ordningsåret (utlysningen er ute): søkere kan søke, og reglene for året låses.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Ok<SchemeDto>> EndpointAsync(int year, [FromBody] Input? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var published = (Published)await HandleAsync(db, me, time, year, body?.Version, ct);
        return TypedResults.Ok(SchemesApi.ToDto(published.Scheme, time.GetUtcNow()));
    }

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? version, CancellationToken ct)
    {
        var scheme = await SchemeYearChanges.LoadAsync(db, year, ct);
        if (scheme.IsPublished)
        {
            throw new RuleViolationException(Format.Text(SchemeTexts.Publish_Already, year), "scheme-published");
        }
        SchemeYearChanges.RequireVersion(scheme, version);
        var now = time.GetUtcNow();
        if (scheme.ApplicationDeadline <= now)
        {
            throw new RuleViolationException(Format.Text(SchemeTexts.Publish_DeadlinePassed, Format.Deadline(scheme.ApplicationDeadline)), "deadline-passed");
        }
        if (!scheme.ApplicantRules.Any(r => r.Parts != ApplicationParts.None) || scheme.EducationTypes.Count == 0 || scheme.Themes.Count == 0)
        {
            throw new RuleViolationException(SchemeTexts.Publish_Incomplete, "scheme-incomplete");
        }
        scheme.Status = SchemeStatus.Published;
        scheme.PublishedAt = now;
        scheme.Version++;
        SchemeYearChanges.Audit(db, me, now, "scheme.published", scheme, before: new { status = "preparation" }, after: new { status = "published", publishedAt = now });
        await SchemeYearChanges.SaveAsync(db, ct);
        return new Published(scheme);
    }
}
