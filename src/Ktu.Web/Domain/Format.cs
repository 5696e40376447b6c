using System.Globalization;

namespace Ktu.Web.Domain;

/// <summary>Norwegian formatting of money and dates, the way users read them ("kr 30 667 000", "17. mars 2025 kl. 23:59").</summary>
public static class Format
{
    private static readonly CultureInfo Nb = new("nb-NO");

    /// <summary>Norwegian (bokmål) culture, for sorting names the way users expect (æ, ø, å last).</summary>
    public static CultureInfo Norwegian => Nb;

    public static string Nok(long kroner) => "kr " + kroner.ToString("#,0", Nb).Replace('\u00A0', ' ');

    public static string Date(DateOnly date) => date.ToString("d. MMMM yyyy", Nb);

    /// <summary>"10:42" in Norwegian time, for "Lagret kl. 10:42".</summary>
    public static string Time(DateTimeOffset instant) => NorwayTime.ToLocal(instant).ToString("HH:mm", Nb);

    /// <summary>Fills a text from a resource file ("{0} er lagret.") with its values, the Norwegian way.</summary>
    public static string Text(string template, params object?[] args) => string.Format(Nb, template, args);

    public static string Deadline(DateTimeOffset instant) => NorwayTime.ToLocal(instant).ToString("d. MMMM yyyy 'kl.' HH:mm", Nb);
}
