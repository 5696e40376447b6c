using System.ComponentModel.DataAnnotations;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Account;

public sealed record LoginRequest
{
    [Required, MaxLength(256)]
    public string? Email { get; init; }
    [Required, MaxLength(256)]
    public string? Password { get; init; }
}

public sealed record OrganisationRef(string OrgNumber, string Name, string? MunicipalityNumber, string Kind);
public sealed record EmbeteRef(string Id, string Name, string OrgNumber);
public sealed record MeResponse(string Email, string? Name, IReadOnlyList<string> Roles, OrganisationRef? Organisation, EmbeteRef? Embete);

public static class AccountApi
{
    public static void MapAccountApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Innlogging");

        group.MapPost("/auth/login", LoginAsync)
            .AllowAnonymous()
            .RequireRateLimiting(Policies.LoginRateLimit)
            .WithSummary("Logg inn og få et tilgangstoken (bearer) for API-et.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesValidationProblem();

        group.MapPost("/auth/logout", LogoutAsync)
            .WithSummary("Logg ut: alle tilgangstokener og innlogginger for kontoen slutter å virke med en gang.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/me", MeAsync)
            .WithSummary("Hvem er jeg: e-post, roller og organisasjon eller embete.");
    }

    /// <summary>A new security stamp ends every token and cookie of the account (<see cref="SessionsEndAtOnce"/>).</summary>
    internal static async Task<Results<NoContent, UnauthorizedHttpResult>> LogoutAsync(System.Security.Claims.ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db, TimeProvider time, FailedLoginsPerAddress addressLimit, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["email"] = [AccountTexts.Login_EmailAndPasswordRequired],
            }, title: AccountTexts.Login_EmailAndPasswordRequired);
        }
        var result = await LoginCheck.CheckAsync(request.Email, request.Password, new(signIn, users, db, time, http, addressLimit));
        if (result.AddressLimited)
        {
            return TypedResults.Problem(title: AccountTexts.Login_TooManyFromAddress, statusCode: StatusCodes.Status429TooManyRequests);
        }
        if (result.User is null)
        {
            return TypedResults.Problem(title: AccountTexts.Login_Failed, statusCode: StatusCodes.Status401Unauthorized);
        }
        // The bearer-token scheme writes {"tokenType","accessToken","expiresIn","refreshToken"}.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(result.User, isPersistent: false);
        return TypedResults.Empty;
    }

    internal static async Task<Ok<MeResponse>> MeAsync(CurrentUser me, AppDbContext db)
    {
        OrganisationRef? org = null;
        EmbeteRef? embete = null;
        if (me.OrganisationId is { } orgId)
        {
            org = await db.Organisations.Where(o => o.Id == orgId)
                .Select(o => new OrganisationRef(o.OrgNumber, o.Name, o.MunicipalityNumber, o.Kind.ToString()))
                .SingleOrDefaultAsync();
        }
        if (me.EmbeteId is { } embeteId)
        {
            embete = await db.Embeter.Where(e => e.Id == embeteId)
                .Select(e => new EmbeteRef(e.Id, e.NameBokmal, e.OrgNumber))
                .SingleOrDefaultAsync();
        }
        return TypedResults.Ok(new MeResponse(me.Email ?? "", me.FullName, me.Roles, org, embete));
    }
}

/// <summary>
/// One password check for the page and the API: the limits on failed log-ins, and one message whatever went wrong.
/// Wrong passwords lock the account out only for the network they came from (<see cref="Domain.Rules.WrongPasswordsLockOutOnlyTheirOwnNetwork"/>),
/// and a network with too many failed log-ins over all accounts is refused for a while (<see cref="FailedLoginsPerAddress"/>).
/// </summary>
// Same words (AccountTexts.Login_Failed) for unknown e-mail, wrong password and locked account, so no one can learn which accounts exist.
internal static class LoginCheck
{
    /// <param name="AddressLimited">Refused before any account was looked up: the network has too many failed log-ins.</param>
    public sealed record Outcome(AppUser? User, bool AddressLimited = false);

    public static async Task<Outcome> CheckAsync(string email, string password, LoginContext context)
    {
        var (signIn, users, db, time, http, addressLimit) = context;
        var network = LoginAddress.Shorten(http.Connection.RemoteIpAddress);
        if (addressLimit.IsExhausted(network))
        {
            return new(null, AddressLimited: true);
        }
        // No e-mail address holds control characters or broken UTF-16, and PostgreSQL refuses them in a
        // query (NUL above all): treat them as an unknown user instead of letting the lookup fail with a 500.
        var user = IsPlainText(email) ? await users.FindByEmailAsync(email.Trim()) : null;
        if (user is null)
        {
            // Spend about the same time as a real check, so timing does not reveal unknown accounts.
            users.PasswordHasher.HashPassword(new AppUser(), password);
            addressLimit.Count(network);
            // No e-mail is stored for an unknown account: it may be a mistyped password, and it tells nothing about an account.
            await RecordAsync(db, time, http, LoginEvents.Failed, user: null);
            return new(null);
        }
        var now = time.GetUtcNow();
        var lockout = await db.LoginLockouts.SingleOrDefaultAsync(l => l.UserId == user.Id && l.Network == network, http.RequestAborted);
        if (lockout?.IsLockedOut(now) == true)
        {
            // Locked out from this network: no password check, the same work and answer as for an unknown account.
            users.PasswordHasher.HashPassword(new AppUser(), password);
            addressLimit.Count(network);
            await RecordAsync(db, time, http, LoginEvents.Failed, user);
            return new(null);
        }
        // The account's own lock is the administrator's: wrong passwords, on the log-in and as the current password on
        // "my account" (ChangeOwnPassword), count per network, not on the account, so they never set it.
        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (wasLocked)
        {
            // Identity refuses a locked account before it hashes anything: do the same work as for an unknown one,
            // so the time of the answer does not tell a locked account from an unknown one.
            users.PasswordHasher.HashPassword(new AppUser(), password);
        }
        string action;
        if (result.Succeeded)
        {
            if (lockout is not null)
            {
                db.LoginLockouts.Remove(lockout);
            }
            action = LoginEvents.Succeeded;
        }
        else
        {
            addressLimit.Count(network);
            var lockedOut = !wasLocked && await CountWrongPasswordAsync(db, lockout, user.Id, network, now, signIn.Options.Lockout, http.RequestAborted);
            action = lockedOut ? LoginEvents.LockedOut : LoginEvents.Failed;
        }
        await RecordAsync(db, time, http, action, user);
        return new(result.Succeeded ? user : null);
    }

    /// <summary>One more wrong password for the account from the network; true when it locked the network out.</summary>
    internal static async Task<bool> CountWrongPasswordAsync(
        AppDbContext db, LoginLockout? row, string userId, string network, DateTimeOffset now, LockoutOptions options, CancellationToken ct)
    {
        // Two wrong passwords at the same moment must both count: the row's version is its concurrency token, so the
        // later save fails and the count is read again.
        for (var attempt = 1; ; attempt++)
        {
            if (row is null)
            {
                row = LoginLockout.For(userId, network);
                db.LoginLockouts.Add(row);
            }
            var locked = row.WrongPassword(now, options.MaxFailedAccessAttempts, options.DefaultLockoutTimeSpan);
            try
            {
                await db.SaveChangesAsync(ct);
                return locked;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.Entry(row).State = EntityState.Detached;
                row = await db.LoginLockouts.SingleOrDefaultAsync(l => l.UserId == userId && l.Network == network, ct);
            }
        }
    }

    /// <summary>The audit entry of one attempt: never the password, and only a shortened address (<see cref="LoginAddress"/>).</summary>
    private static async Task RecordAsync(AppDbContext db, TimeProvider time, HttpContext http, string action, AppUser? user)
    {
        var channel = http.Request.Path.StartsWithSegments("/api") ? "api" : "page";
        // An applicant's entry carries the embete that handles its organisation, as every other applicant entry does,
        // so the embete's leader reads it in the trail.
        var embeteId = user?.EmbeteId;
        if (embeteId is null && user?.OrganisationId is int organisationId)
        {
            embeteId = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.EmbeteId).SingleOrDefaultAsync(http.RequestAborted);
        }
        db.AuditEntries.Add(Domain.Audit.AuditEntry.Create(time.GetUtcNow(), user?.Id, user?.Email, action, "User", user?.Id ?? "",
            user?.OrganisationId, embeteId, after: new { Address = LoginAddress.Shorten(http.Connection.RemoteIpAddress), Channel = channel }));
        await db.SaveChangesAsync(http.RequestAborted);
    }

    private static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || char.IsLowSurrogate(c))
            {
                return false;
            }
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
