using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Reporting;

/// <summary>The report's 409 answers that carry the current report, so a client can show what changed and save again.</summary>
internal static class ReportProblems
{
    public static ProblemDetails VersionConflict(ReportView current, string message)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = message };
        problem.Extensions["code"] = "version-conflict";
        problem.Extensions["currentVersion"] = current.Version;
        problem.Extensions["current"] = ReportDocument.From(current);
        return problem;
    }
}
