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
            yield return ValidationIssue.Error("contact.name", "contact-name-missing", RuleTexts.ContactPersonIsReachable_ContactNameMissing);
        }
        if (string.IsNullOrWhiteSpace(contact.Email))
        {
            yield return ValidationIssue.Error("contact.email", "contact-email-missing", RuleTexts.ContactPersonIsReachable_ContactEmailMissing);
        }
        else if (!IsEmail(contact.Email))
        {
            yield return ValidationIssue.Error("contact.email", "contact-email-invalid",
                RuleTexts.ContactPersonIsReachable_ContactEmailInvalid);
        }
        if (string.IsNullOrWhiteSpace(contact.Phone))
        {
            yield return ValidationIssue.Error("contact.phone", "contact-phone-missing", RuleTexts.ContactPersonIsReachable_ContactPhoneMissing);
        }
        else if (!IsPhone(contact.Phone))
        {
            yield return ValidationIssue.Error("contact.phone", "contact-phone-invalid",
                RuleTexts.ContactPersonIsReachable_ContactPhoneInvalid);
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
