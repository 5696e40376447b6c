using System.ComponentModel.DataAnnotations;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Identity;

namespace Ktu.Web.Features.Administration;

/// <summary>
/// The first administrator: with demo mode off nobody else can make users. <c>./run.sh create-admin EMAIL</c> (or
/// <c>dotnet run -- create-admin EMAIL</c>) makes the user without a password and prints a one-time link to set it;
/// the rest is done from the pages. An existing user is refused, never changed.
/// </summary>
internal static class CreateAdmin
{
    public const string Command = "create-admin";

    public abstract record Outcome
    {
        public sealed record Created(string UserId, string Link) : Outcome;

        public sealed record Refused(string Message) : Outcome;
    }

    /// <summary>
    /// Runs the command when the arguments name it: true when it ran (the app then exits with <see cref="Environment.ExitCode"/>
    /// without starting the web server), false for an ordinary start.
    /// </summary>
    public static async Task<bool> RunCommandLineAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Command)
        {
            return false;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = args.Length == 2
            ? await HandleAsync(scope.ServiceProvider, args[1])
            : new Outcome.Refused(AdministrationTexts.CreateAdmin_Usage);
        Environment.ExitCode = Report(outcome, Console.Out, Console.Error);
        return true;
    }

    /// <summary>Writes the outcome for the person at the terminal; the process's exit code (0 created, 1 refused).</summary>
    public static int Report(Outcome outcome, TextWriter output, TextWriter error)
    {
        switch (outcome)
        {
            case Outcome.Created created:
                output.WriteLine(AdministrationTexts.CreateAdmin_Created);
                output.WriteLine(created.Link);
                output.WriteLine(Format.Text(AdministrationTexts.CreateAdmin_LinkRules, (int)PasswordLink.Lifetime.TotalHours));
                return 0;
            case Outcome.Refused refused:
                error.WriteLine(refused.Message);
                return 1;
            default:
                throw new InvalidOperationException(outcome.GetType().Name);
        }
    }

    public static async Task<Outcome> HandleAsync(IServiceProvider services, string email)
    {
        email = email.Trim();
        if (email.Length is 0 or > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            return new Outcome.Refused(Format.Text(AdministrationTexts.CreateAdmin_InvalidEmail, email));
        }
        var users = services.GetRequiredService<KtuUserManager>();
        if (await users.FindByEmailAsync(email) is not null || await users.FindByNameAsync(email) is not null)
        {
            return new Outcome.Refused(Format.Text(AdministrationTexts.CreateAdmin_Exists, email));
        }
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            Check(await roles.CreateAsync(new IdentityRole(Roles.Admin)));
        }
        var db = services.GetRequiredService<AppDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = AdministrationTexts.CreateAdmin_FullName };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Admin));
        var (link, token) = PasswordLink.Issue(user.Id, PasswordLinkPurpose.FirstAdministrator, now, createdByUserId: null);
        db.PasswordLinks.Add(link);
        AuditTrail.Record(db, services.GetRequiredService<CurrentUser>(), now, "user.created", "User", user.Id,
            after: new { user.Email, Roles = new[] { Roles.Admin }, Source = Command });
        await db.SaveChangesAsync();
        return new Outcome.Created(user.Id, PublicLinks.SetPassword(services.GetRequiredService<IConfiguration>(), request: null, token));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
