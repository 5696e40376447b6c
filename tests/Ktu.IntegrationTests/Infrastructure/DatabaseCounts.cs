using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>Row counts of everything start-up seeds, to show that a second start-up adds nothing.</summary>
public sealed record DatabaseCounts(
    int Embeter,
    int Counties,
    int Organisations,
    int Users,
    int Roles,
    int UserRoles,
    int SchemeYears,
    int EducationTypes,
    int Themes,
    int ApplicantRules,
    int Pots,
    int Earmarks)
{
    public static async Task<DatabaseCounts> ReadAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return new DatabaseCounts(
            await db.Embeter.CountAsync(),
            await db.Counties.CountAsync(),
            await db.Organisations.CountAsync(),
            await db.Users.CountAsync(),
            await db.Roles.CountAsync(),
            await db.UserRoles.CountAsync(),
            await db.SchemeYears.CountAsync(),
            await db.Set<Ktu.Web.Domain.SchemeEducationType>().CountAsync(),
            await db.Set<Ktu.Web.Domain.SchemeTheme>().CountAsync(),
            await db.Set<Ktu.Web.Domain.SchemeApplicantRule>().CountAsync(),
            await db.Pots.CountAsync(),
            await db.Set<Ktu.Web.Domain.Earmark>().CountAsync());
    }
}
