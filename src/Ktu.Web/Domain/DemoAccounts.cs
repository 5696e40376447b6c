namespace Ktu.Web.Domain;

/// <summary>What the demo data of several features agree on: the demo users' e-mail domain and the demo's open year.</summary>
public static class DemoAccounts
{
    public const string EmailDomain = "demo.ktu";

    /// <summary>The year after "now", with the national deadline on 17 March, so the demo applicant can apply today.</summary>
    public static int OpenYear(DateTimeOffset now) => now.Year + 1;
}
