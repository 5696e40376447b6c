namespace Ktu.Web.Domain;

/// <summary>What the demo data of several features agree on: the demo users' e-mail domain, their password and the demo's open year.</summary>
public static class DemoAccounts
{
    public const string EmailDomain = "demo.ktu";

    /// <summary>The demo users' password unless KTU_DEMO_PASSWORD says otherwise; published in README and run.sh.</summary>
    public const string DefaultPassword = "Demo-2025!";

    /// <summary>
    /// The lock-out end of a demo account shut when demo mode is turned off (<c>Demo:Enabled=false</c>). Far in the future
    /// rather than <see cref="DateTimeOffset.MaxValue"/>, which not every database column holds. A lock-out from wrong
    /// passwords ends long before it, so the two cannot be confused when the demo is turned on again.
    /// </summary>
    public static readonly DateTimeOffset QuarantinedUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The demo password in force: KTU_DEMO_PASSWORD when it is set, else the published default.</summary>
    public static string Password(string? configured) => configured is { Length: > 0 } p ? p : DefaultPassword;

    /// <summary>The year after "now", with the national deadline on 17 March, so the demo applicant can apply today.</summary>
    public static int OpenYear(DateTimeOffset now) => now.Year + 1;
}
