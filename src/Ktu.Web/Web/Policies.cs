using System.Security.Claims;
using System.Threading.RateLimiting;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Ktu.Web.Web;

public static class Policies
{
    public const string Applicant = "applicant";
    public const string EmbeteStaff = "embete-staff";
    public const string Approver = "approver";
    public const string Directorate = "directorate";
    public const string Admin = "admin";
    /// <summary>What-if allocation proposals: anyone who assesses, approves or oversees the grant.</summary>
    public const string AllocationWhatIf = "allocation-what-if";
    public const string LoginRateLimit = "login";
    /// <summary>PDF downloads per person (or address when signed out): rendering costs, so one caller cannot flood it.</summary>
    public const string DocumentRateLimit = "documents";
    /// <summary>Submits and withdrawals per person: each one writes a snapshot, a receipt and an e-mail.</summary>
    public const string SubmitRateLimit = "submits";
}
