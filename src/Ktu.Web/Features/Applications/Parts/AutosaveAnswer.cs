using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Applications;

/// <summary>How a part page's save ended.</summary>
public enum SaveResult { Saved, Conflict, Invalid, NotEditable }

/// <summary>What wwwroot/js/autosave.js gets back after a save: version, a message for the status line, totals and the part's issues.</summary>
internal static class AutosaveAnswer
{
    public static JsonResult Of(
        SaveResult result, int version, ApplicationView view, bool unreadableInput, string? savedMessage, string? conflictMessage,
        IEnumerable<(string Key, ValidationIssue Issue)> issues) => new(new
        {
            saved = result == SaveResult.Saved,
            conflict = result == SaveResult.Conflict,
            version,
            savedAt = result == SaveResult.Saved ? Format.Time(view.Application.UpdatedAt) : null,
            message = result switch
            {
                SaveResult.Saved when unreadableInput => savedMessage + " " + Texts.Part_AutosavePartly,
                SaveResult.Saved => savedMessage,
                SaveResult.Conflict => conflictMessage,
                SaveResult.NotEditable => Texts.Part_Submitted,
                _ => Texts.Part_AutosaveInvalid,
            },
            summary = new
            {
                competence = Format.Nok(view.Summary.Competence),
                bpa = Format.Nok(view.Summary.Bpa),
                projects = Format.Nok(view.Summary.Projects),
                total = Format.Nok(view.Summary.Total),
            },
            issues = issues.Select(x => new { field = FormFields.IdOf(x.Key), severity = x.Issue.Severity.ToString().ToLowerInvariant(), message = x.Issue.Message }),
        });
}
