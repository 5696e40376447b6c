using System.Net.Mail;
using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>One contact person coordinates application and reporting; the embete must be able to reach them.</summary>
public static class ContactPersonIsReachable
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        var contact = application.Contact ?? new ContactPerson();
        if (string.IsNullOrWhiteSpace(contact.Name))
        {
            yield return ValidationIssue.Error("contact.name", "contact-name-missing", "Skriv navnet på kontaktpersonen.");
        }
        if (string.IsNullOrWhiteSpace(contact.Email))
        {
            yield return ValidationIssue.Error("contact.email", "contact-email-missing", "Skriv e-postadressen til kontaktpersonen.");
        }
        else if (!IsEmail(contact.Email))
        {
            yield return ValidationIssue.Error("contact.email", "contact-email-invalid",
                "E-postadressen ser ikke riktig ut. Den skal se slik ut: navn@kommune.no.");
        }
        if (string.IsNullOrWhiteSpace(contact.Phone))
        {
            yield return ValidationIssue.Error("contact.phone", "contact-phone-missing", "Skriv telefonnummeret til kontaktpersonen.");
        }
        else if (!IsPhone(contact.Phone))
        {
            yield return ValidationIssue.Error("contact.phone", "contact-phone-invalid",
                "Telefonnummeret ser ikke riktig ut. Skriv 8 siffer, eller landskode og nummer, for eksempel +47 400 00 000.");
        }
    }

    internal static bool IsEmail(string input)
    {
        var s = input.Trim();
        return MailAddress.TryCreate(s, out var address)
            && address.Address == s
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.');
    }

    internal static bool IsPhone(string input)
    {
        var s = Mod11.Normalise(input).Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal);
        if (s.StartsWith('+'))
        {
            return s.Length is >= 8 and <= 16 && Mod11.AllDigits(s.AsSpan(1));
        }
        if (s.StartsWith("00", StringComparison.Ordinal))
        {
            return s.Length is >= 9 and <= 17 && Mod11.AllDigits(s);
        }
        return s.Length == 8 && Mod11.AllDigits(s);
    }
}
