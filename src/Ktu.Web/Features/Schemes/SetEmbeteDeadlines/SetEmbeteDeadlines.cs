using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Schemes;

/// <summary>
/// A leader of an embete sets the embete's own application and report deadlines for a year, within the year's frame
/// (Innlandet's 2022 deadline was 1 April while the others' was 1 March). Only the embete's own; never a deadline that
/// has already passed, which would reopen or cut short a call that is over. Audited with before and after.
/// </summary>
internal static class SetEmbeteDeadlines
{
    internal abstract record Outcome;
    internal sealed record Set(SchemeYear Scheme, Pot Pot) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    /// <param name="ApplicationDeadline">The last day to apply (to the end of the day, Norwegian time); null for the year's.</param>
    /// <param name="ReportDeadline">The last day to report; null for the year's.</param>
    /// <param name="ReportOpensOn">The first day reports can be written; null for 1 January after the year.</param>
    public sealed record Input(DateOnly? ApplicationDeadline, DateOnly? ReportDeadline, DateOnly? ReportOpensOn = null);

    public static void Map(RouteGroupBuilder schemes) =>
        schemes.MapPut("/{year:int}/pots/{embete}/deadlines", EndpointAsync)
            .RequireAuthorization(Policies.Approver)
            .WithSummary("Embetets egne frister for året (søknad og rapport, og første dag rapporten kan skrives), innenfor rammen for året. Bare for eget embete.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<SchemeDto>, ValidationProblem>> EndpointAsync(
        int year, string embete, [FromBody] Input? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, me, time, year, embete, body ?? new Input(null, null), ct) switch
        {
            Set s => TypedResults.Ok(SchemesApi.ToDto(s.Scheme, time.GetUtcNow())),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, string embete, Input input, CancellationToken ct)
    {
        if (!me.IsInRole(Roles.Approver) || me.StaffEmbeteId != embete)
        {
            throw new ForbiddenException(SchemeTexts.Deadlines_OwnEmbeteOnly);
        }
        var scheme = await SchemeYearChanges.LoadAsync(db, year, ct);
        var now = time.GetUtcNow();
        var pot = scheme.Pots.FirstOrDefault(p => p.EmbeteId == embete);
        var errors = Problems(scheme, pot, input, now);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var before = new { applicationDeadline = pot?.ApplicationDeadline, reportDeadline = pot?.ReportDeadline, reportOpensOn = pot?.ReportOpensOn };
        pot = Apply(scheme, embete, input);
        SchemeYearChanges.Audit(db, me, now, "scheme.deadlines-set", scheme, before,
            new { applicationDeadline = pot.ApplicationDeadline, reportDeadline = pot.ReportDeadline, reportOpensOn = pot.ReportOpensOn }, embeteId: embete);
        await SchemeYearChanges.SaveAsync(db, ct);
        return new Set(scheme, pot);
    }

    internal static FieldErrors Problems(SchemeYear scheme, Pot? pot, Input input, DateTimeOffset now)
    {
        var e = new FieldErrors();
        var current = Domain.Rules.Deadline.For(scheme, pot);
        var wanted = input.ApplicationDeadline is { } d ? NorwayTime.EndOfDay(d) : scheme.ApplicationDeadline;
        if (wanted != current && current < now && scheme.IsPublished)
        {
            e.Add("applicationDeadline", Format.Text(SchemeTexts.Deadlines_Passed, Format.Deadline(current)));
        }
        else if (input.ApplicationDeadline is { } day && (day.Year != scheme.Year || (wanted != current && wanted < now)))
        {
            e.Add("applicationDeadline", Format.Text(SchemeTexts.Deadlines_ApplicationFrame, scheme.Year));
        }
        var report = input.ReportDeadline ?? scheme.ReportDeadline;
        var lastApplicationDay = NorwayTime.DateOf(wanted);
        if (report <= lastApplicationDay || report.Year > scheme.Year + 1)
        {
            e.Add("reportDeadline", Format.Text(SchemeTexts.Edit_ReportDeadlineFrame, scheme.Year + 1));
        }
        if (input.ReportOpensOn is { } opens && (opens.Year < scheme.Year - 1 || opens > report))
        {
            e.Add("reportOpensOn", Format.Text(SchemeTexts.Deadlines_ReportOpensFrame, scheme.Year - 1));
        }
        return e;
    }

    /// <summary>Sets the deadlines on the embete's pot, making an empty pot when it has none yet; used by the seed as well.</summary>
    internal static Pot Apply(SchemeYear scheme, string embete, Input input)
    {
        var pot = scheme.Pots.FirstOrDefault(p => p.EmbeteId == embete);
        if (pot is null)
        {
            pot = new Pot { EmbeteId = embete };
            scheme.Pots.Add(pot);
        }
        pot.ApplicationDeadline = input.ApplicationDeadline is { } d ? NorwayTime.EndOfDay(d) : null;
        pot.ReportDeadline = input.ReportDeadline;
        pot.ReportOpensOn = input.ReportOpensOn;
        return pot;
    }
}
