using Ktu.Web.Domain;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// The input of the embete's decision on something the applicant asked for after the grant (a new account, a reallocation):
/// an outcome, the version read, and a reason that is required when refusing.
/// </summary>
internal static class ChangeDecisionInput
{
    public static FieldErrors Problems(bool? approve, int? version, string? reason, int maxLength, string refusalNeedsReason)
    {
        var errors = new FieldErrors();
        if (approve is null)
        {
            errors.Add("approve", ReportingTexts.Account_ChooseOutcome);
        }
        if (version is null)
        {
            errors.Add("version", ReportingTexts.Shape_VersionMissing);
        }
        if (approve == false && string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", refusalNeedsReason);
        }
        if (reason is { Length: var length } && length > maxLength)
        {
            errors.Add("reason", Format.Text(ReportingTexts.Review_ReasonTooLong, maxLength));
        }
        return errors;
    }
}
