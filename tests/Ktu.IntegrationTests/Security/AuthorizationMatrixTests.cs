using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Ktu.IntegrationTests.Applications;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Security;

/// <summary>
/// Who may call what: every page and endpoint in the app's own route table, called as anonymous,
/// as each role and as the right role of another organisation or embete, on real objects. Whatever
/// is not allowed must be refused (401, 403, 404, or a redirect to the log-in or no-access page)
/// without leaking the object in the body. A route in the table that the classification below does
/// not know fails the test, so a new endpoint cannot be forgotten. Each run writes the matrix to
/// docs/security/authorization-matrix.md.
/// </summary>
public sealed partial class AuthorizationMatrixTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    /// <summary>Trondheim kommune's organisation number: must not show up for anyone refused.</summary>
    private const string TrondheimOrgNumber = "942110464";

    public enum Caller
    {
        Anonymous,
        ApplicantOwnOrg,
        /// <summary>Trondheim's application administrator, an applicant of the owning organisation too.</summary>
        ApplicationAdminOwnOrg,
        ApplicantOtherOrgSameEmbete,
        ApplicantOtherOrg,
        CaseOfficer,
        CaseOfficerOtherEmbete,
        Approver,
        Directorate,
        Admin,

        /// <summary>Trondheim's own system: an API client (client credentials) with every scope.</summary>
        SystemOwnOrg,

        /// <summary>Oslo's own system: an API client with every scope, for another organisation.</summary>
        SystemOtherOrg,

        /// <summary>Trøndelag's own system (the owning embete's): an API client with the embete side's read scopes.</summary>
        SystemOwnEmbete,

        /// <summary>Innlandet's own system: an API client with the embete side's read scopes, for another embete.</summary>
        SystemOtherEmbete,

        /// <summary>A second case officer of the owning embete who has declared a conflict (inhabil) on the arranged application.</summary>
        CaseOfficerConflicted,

        /// <summary>A second approver (leader) of the owning embete who has declared a conflict on the arranged application.</summary>
        ApproverConflicted,

        /// <summary>
        /// A person of the owning embete holding both roles, case officer and approver, who later assesses the cases and sends
        /// the allocation, and proposes the payment, the corrected letter and the repayment claim and recommends the report
        /// (<see cref="RefusedLater"/>): refused for four eyes where a second person must act.
        /// </summary>
        CaseOfficerAndApprover,
    }

    /// <summary>Who may use a route.</summary>
    public enum Access
    {
        /// <summary>Everyone, signed in or not.</summary>
        Anonymous,

        /// <summary>Any signed-in user, whatever the role.</summary>
        Authenticated,

        /// <summary>Any applicant (the data is that applicant's own organisation's).</summary>
        Applicant,

        /// <summary>Only an applicant of the organisation owning the object.</summary>
        OwnOrgApplicant,

        /// <summary>The owning organisation's applicant, or case officer/approver of the object's embete.</summary>
        OwnOrgApplicantOrEmbeteStaff,

        /// <summary>Case officers, approvers, the directorate and admins (allocation what-if).</summary>
        AllocationStaff,

        /// <summary>Case officers and approvers of any embete; each sees only its own embete's data.</summary>
        AnyEmbeteStaff,

        /// <summary>Case officers of any embete (their own embete's allocation).</summary>
        AnyCaseOfficer,

        /// <summary>Approvers of any embete (their own embete's allocation).</summary>
        AnyApprover,

        /// <summary>Case officers and approvers of the object's embete.</summary>
        OwnEmbeteStaff,

        /// <summary>Case officers of the object's embete.</summary>
        OwnEmbeteCaseOfficer,

        /// <summary>Approvers of the embete in the route (their own embete's deadlines).</summary>
        OwnEmbeteApprover,

        /// <summary>The directorate and admins (scheme years and pots).</summary>
        Directorate,

        /// <summary>Case officers and approvers of any embete, the directorate and admins (a scheme year's history).</summary>
        StaffOrDirectorate,

        /// <summary>Admins only.</summary>
        Admin,

        /// <summary>
        /// Those who may invite users and grant roles: admins, approvers (an embete's leader) for their own embete, and
        /// application administrators for their own organisation, the directorate for the directorate's users.
        /// </summary>
        Granters,

        /// <summary>Those who register and revoke API clients: admins, application administrators for their own organisation, an embete's leaders for their own embete.</summary>
        ApiClientAdmins,

        /// <summary>Admins (every entry) and an embete's leaders (their own embete's entries): the audit trail.</summary>
        AuditReaders,

        /// <summary>Admins (any account) and an embete's leaders (their own embete's people, after wrong passwords): unlocking.</summary>
        Unlockers,

        /// <summary>The person the object (an outbox message to soker.5001) was sent to, and admins.</summary>
        RecipientOrAdmin,
    }

    private static readonly Dictionary<Caller, string> Emails = new()
    {
        [Caller.ApplicantOwnOrg] = "soker.5001@demo.ktu",        // Trondheim, Trøndelag
        [Caller.ApplicationAdminOwnOrg] = "tilgangsstyrer.5001@demo.ktu",
        [Caller.ApplicantOtherOrgSameEmbete] = "soker.5006@demo.ktu", // Steinkjer, also Trøndelag
        [Caller.ApplicantOtherOrg] = "soker.0301@demo.ktu",      // Oslo, another embete
        [Caller.CaseOfficer] = "saksbehandler.trondelag@demo.ktu",
        [Caller.CaseOfficerOtherEmbete] = "saksbehandler.innlandet@demo.ktu",
        [Caller.Approver] = "leder.trondelag@demo.ktu",
        [Caller.Directorate] = "direktorat@demo.ktu",
        [Caller.Admin] = "admin@demo.ktu",
        [Caller.CaseOfficerConflicted] = "saksbehandler2.trondelag@demo.ktu",
        [Caller.ApproverConflicted] = "leder2.trondelag@demo.ktu",
        [Caller.CaseOfficerAndApprover] = DualEmail,
    };

    /// <summary>
    /// Issue 16: routes that a role may use in general but that must refuse a person with a declared conflict on the
    /// application (409 with one of the codes, or 403/404), called by <see cref="Caller.CaseOfficerConflicted"/> and
    /// <see cref="Caller.ApproverConflicted"/> with a body that would otherwise be accepted. The refusals that need a later
    /// state (an allocation line, an allocation awaiting approval, a decided grant and what follows from it) are in
    /// <see cref="RefusedLater"/>, called once the matrix has been walked.
    /// </summary>
    private static readonly Dictionary<string, (string Body, string[] Codes)> RefusedForConflict = new(StringComparer.Ordinal)
    {
        ["PUT /api/v1/cases/{id:guid}/assessment"] = ("""{"lines":[],"completed":false}""", ["impartiality-required"]),
        ["POST /api/v1/cases/{id:guid}/questions"] = ("""{"question":"Kan dere sende budsjettet?"}""", ["impartiality-required"]),
        ["POST /api/v1/cases/{id:guid}/impartiality"] = ("""{"conflict":false}""", ["conflict-stands"]),
    };

    /// <summary>
    /// The classification: "METHOD pattern" as in the route table → who may use it. Every route the
    /// app maps must be here; a route here that the app no longer maps fails too.
    /// </summary>
    private static readonly Dictionary<string, Access> Classification = new(StringComparer.Ordinal)
    {
        // Framework and infrastructure
        ["GET /health"] = Access.Anonymous,
        ["GET /health/live"] = Access.Anonymous,
        ["GET /health/ready"] = Access.Anonymous,
        ["GET /openapi/{documentName}.json"] = Access.Anonymous,
        ["GET /scalar/{documentName?}"] = Access.Anonymous,
        ["GET /scalar/favicon.svg"] = Access.Anonymous,
        ["GET /scalar/scalar.aspnetcore.js"] = Access.Anonymous,
        ["GET /scalar/scalar.js"] = Access.Anonymous,
        ["GET /feil"] = Access.Anonymous,
        ["GET /status/{code:int}"] = Access.Anonymous,

        // Account
        ["GET /logg-inn"] = Access.Anonymous,
        ["POST /logg-inn"] = Access.Anonymous,
        ["GET /logg-ut"] = Access.Anonymous,
        ["POST /logg-ut"] = Access.Anonymous,
        ["GET /ingen-tilgang"] = Access.Anonymous,
        ["GET /konto/sett-passord"] = Access.Anonymous,   // the one-time link carries its own proof
        ["POST /konto/sett-passord"] = Access.Anonymous,
        ["GET /logg-inn/ekstern/{provider}"] = Access.Anonymous, // ID-porten/Ansattporten: the provider's answer is the proof
        ["POST /logg-inn/ekstern/{provider}"] = Access.Anonymous,
        ["POST /api/v1/auth/login"] = Access.Anonymous,
        ["POST /api/v1/auth/token"] = Access.Anonymous,   // client credentials carry their own proof
        ["POST /api/v1/auth/logout"] = Access.Authenticated,
        ["GET /api/v1/me"] = Access.Authenticated,
        ["POST /api/v1/account/password"] = Access.Authenticated,
        ["GET /api/v1/account/logins"] = Access.Authenticated,
        ["POST /api/v1/account/sessions/end"] = Access.Authenticated,
        ["GET /konto"] = Access.Authenticated,
        ["POST /konto"] = Access.Authenticated,
        ["GET /"] = Access.Authenticated,

        // Scheme years (public reference data for signed-in users; copying is admin only)
        ["GET /api/v1/schemes/"] = Access.Authenticated,
        ["GET /api/v1/schemes/{year:int}"] = Access.Authenticated,
        ["GET /ordningsar"] = Access.Authenticated,
        ["GET /ordningsar/{year:int}"] = Access.Authenticated,
        ["GET /ordningsar/ny"] = Access.Directorate,
        ["POST /ordningsar/ny"] = Access.Directorate,
        ["GET /ordningsar/{year:int}/rediger"] = Access.Directorate,
        ["POST /ordningsar/{year:int}/rediger"] = Access.Directorate,
        ["GET /ordningsar/{year:int}/potter"] = Access.Directorate,
        ["POST /ordningsar/{year:int}/potter"] = Access.Directorate,
        ["GET /ordningsar/{year:int}/publiser"] = Access.Directorate,
        ["POST /ordningsar/{year:int}/publiser"] = Access.Directorate,
        ["GET /ordningsar/{year:int}/frister"] = Access.AnyApprover,
        ["POST /ordningsar/{year:int}/frister"] = Access.AnyApprover,
        ["PUT /api/v1/schemes/{year:int}"] = Access.Directorate,
        ["POST /api/v1/schemes/{year:int}/publish"] = Access.Directorate,
        ["PUT /api/v1/schemes/{year:int}/pots"] = Access.Directorate,
        ["GET /api/v1/schemes/{year:int}/pots/proposal"] = Access.Directorate,
        ["PUT /api/v1/schemes/{year:int}/pots/{embete}/deadlines"] = Access.OwnEmbeteApprover,
        ["GET /api/v1/schemes/{year:int}/history"] = Access.StaffOrDirectorate,

        // Demo outbox: with Demo:Enabled each signed-in user reads the messages to them, the admin all (OutboxAccess)
        ["GET /utboks"] = Access.Authenticated,
        ["GET /utboks/{id:guid}"] = Access.RecipientOrAdmin,

        // Applications, API
        ["GET /api/v1/applications/"] = Access.Applicant,
        ["POST /api/v1/applications/"] = Access.Applicant,
        ["GET /api/v1/applications/{id:guid}"] = Access.OwnOrgApplicant,
        ["PUT /api/v1/applications/{id:guid}"] = Access.OwnOrgApplicant,
        ["POST /api/v1/applications/{id:guid}/submit"] = Access.OwnOrgApplicant,
        ["POST /api/v1/applications/{id:guid}/withdraw"] = Access.OwnOrgApplicant,
        ["GET /api/v1/applications/{id:guid}/submissions"] = Access.OwnOrgApplicant,
        ["GET /api/v1/applications/{id:guid}/submissions/{number:int}"] = Access.OwnOrgApplicant,
        ["GET /api/v1/applications/{id:guid}/submissions/{number:int}/snapshot"] = Access.OwnOrgApplicant,
        ["GET /api/v1/applications/{id:guid}/pdf"] = Access.OwnOrgApplicantOrEmbeteStaff,

        // Applications, pages
        ["GET /soknader"] = Access.Applicant,
        ["GET /soknad/{year:int}"] = Access.Applicant,
        ["POST /soknad/{year:int}"] = Access.Applicant,
        ["GET /soknad/{id:guid}/soker"] = Access.OwnOrgApplicant,
        ["POST /soknad/{id:guid}/soker"] = Access.OwnOrgApplicant,
        ["GET /soknad/{id:guid}/kompetanse"] = Access.OwnOrgApplicant,
        ["POST /soknad/{id:guid}/kompetanse"] = Access.OwnOrgApplicant,
        ["GET /soknad/{id:guid}/bpa"] = Access.OwnOrgApplicant,
        ["POST /soknad/{id:guid}/bpa"] = Access.OwnOrgApplicant,
        ["GET /soknad/{id:guid}/tiltak"] = Access.OwnOrgApplicant,
        ["POST /soknad/{id:guid}/tiltak"] = Access.OwnOrgApplicant,
        ["GET /soknad/{id:guid}/oppsummering"] = Access.OwnOrgApplicant,
        ["POST /soknad/{id:guid}/oppsummering"] = Access.OwnOrgApplicant,
        ["GET /soknad/{id:guid}/kvittering/{number:int}"] = Access.OwnOrgApplicant,
        ["GET /soknad/{id:guid}/kvittering/{number:int}/pdf"] = Access.OwnOrgApplicantOrEmbeteStaff,

        // Allocation and audit
        ["POST /api/v1/allocation/proposal"] = Access.AllocationStaff,
        ["GET /api/v1/audit/verify"] = Access.Admin,
        ["GET /api/v1/audit/entries"] = Access.AuditReaders, // a leader reads only the embete's own entries (AuditTrailReadingTests)
        ["GET /revisjonslogg"] = Access.AuditReaders,

        // Case handling (Features/Assessment) and the embete's allocation round (Features/Allocation/Round).
        ["GET /api/v1/cases/"] = Access.AnyEmbeteStaff,
        ["GET /api/v1/cases/{id:guid}"] = Access.OwnEmbeteStaff,
        ["POST /api/v1/cases/{id:guid}/impartiality"] = Access.OwnEmbeteStaff, // approvers declare impartiality too (issue 16)
        ["POST /api/v1/cases/{id:guid}/assignment"] = Access.OwnEmbeteApprover, // reassignment goes through the leader (issue 16)
        ["PUT /api/v1/cases/{id:guid}/assessment"] = Access.OwnEmbeteCaseOfficer,
        ["POST /api/v1/cases/{id:guid}/questions"] = Access.OwnEmbeteCaseOfficer,
        ["GET /api/v1/allocations/{year:int}/"] = Access.AnyEmbeteStaff,
        ["PUT /api/v1/allocations/{year:int}/"] = Access.AnyCaseOfficer,
        ["POST /api/v1/allocations/{year:int}/scenarios"] = Access.AnyCaseOfficer,
        ["DELETE /api/v1/allocations/{year:int}/scenarios/{name}"] = Access.AnyCaseOfficer,
        ["POST /api/v1/allocations/{year:int}/submit"] = Access.AnyCaseOfficer,
        ["POST /api/v1/allocations/{year:int}/approve"] = Access.AnyApprover,
        ["POST /api/v1/allocations/{year:int}/send-back"] = Access.AnyApprover,
        ["POST /api/v1/allocations/{year:int}/next-round"] = Access.AnyCaseOfficer,

        ["GET /saksbehandling"] = Access.AnyEmbeteStaff,
        ["GET /saksbehandling/sak/{id:guid}"] = Access.OwnEmbeteStaff,
        ["POST /saksbehandling/sak/{id:guid}"] = Access.OwnEmbeteStaff,
        ["GET /saksbehandling/fordeling/{year:int}"] = Access.AnyEmbeteStaff,
        ["POST /saksbehandling/fordeling/{year:int}"] = Access.AnyEmbeteStaff,

        // The applicant's side of the case.
        ["GET /api/v1/applications/{id:guid}/questions"] = Access.OwnOrgApplicant,
        ["POST /api/v1/applications/{id:guid}/questions/{questionId:guid}/answer"] = Access.OwnOrgApplicant,
        ["GET /api/v1/applications/{id:guid}/decision"] = Access.OwnOrgApplicant,
        ["GET /api/v1/applications/{id:guid}/continuing-from-report"] = Access.OwnOrgApplicant,
        ["GET /soknad/{id:guid}/sporsmal"] = Access.OwnOrgApplicant,
        ["POST /soknad/{id:guid}/sporsmal"] = Access.OwnOrgApplicant,
        ["GET /soknad/{id:guid}/vedtak"] = Access.OwnOrgApplicant,

        // Operations
        ["POST /api/v1/admin/backup"] = Access.Admin,
        ["GET /api/v1/admin/organisations/"] = Access.Admin,
        ["POST /api/v1/admin/organisations/"] = Access.Admin,
        ["GET /api/v1/admin/organisations/{id:int}"] = Access.Admin,
        ["PUT /api/v1/admin/organisations/{id:int}"] = Access.Admin,
        ["POST /api/v1/admin/organisations/{id:int}/deactivate"] = Access.Admin,
        ["GET /api/v1/admin/users/"] = Access.Granters,
        ["POST /api/v1/admin/users/{id}/lock"] = Access.Admin,
        ["POST /api/v1/admin/users/{id}/unlock"] = Access.Unlockers,
        ["POST /api/v1/admin/users/{id}/roles"] = Access.Granters,
        ["DELETE /api/v1/admin/users/{id}/roles/{role}"] = Access.Granters,
        ["GET /api/v1/admin/invitations/"] = Access.Granters,
        ["POST /api/v1/admin/invitations/"] = Access.Granters,
        ["GET /admin/brukere"] = Access.Granters,
        ["POST /admin/brukere"] = Access.Admin,          // without a handler; lock, unlock, grant and revoke: DelegationTests
        ["GET /admin/brukere/inviter"] = Access.Granters,
        ["POST /admin/brukere/inviter"] = Access.Granters,
        ["GET /admin/organisasjoner"] = Access.Admin,
        ["GET /api/v1/admin/api-clients/"] = Access.ApiClientAdmins,
        ["POST /api/v1/admin/api-clients/"] = Access.ApiClientAdmins,
        ["POST /api/v1/admin/api-clients/{id:guid}/revoke"] = Access.ApiClientAdmins,
        ["GET /admin/api-klienter"] = Access.ApiClientAdmins,
        ["POST /admin/api-klienter"] = Access.ApiClientAdmins,
        ["GET /admin/organisasjoner/ny"] = Access.Admin,
        ["POST /admin/organisasjoner/ny"] = Access.Admin,
        ["GET /admin/organisasjoner/{id:int}"] = Access.Admin,
        ["POST /admin/organisasjoner/{id:int}"] = Access.Admin,

        // Grant letters and payment (Features/GrantLetters): the embete's own year, and one grant.
        ["GET /api/v1/allocations/{year:int}/letters"] = Access.AnyEmbeteStaff,
        ["POST /api/v1/allocations/{year:int}/letters"] = Access.AnyEmbeteStaff,
        ["GET /api/v1/allocations/{year:int}/archive.zip"] = Access.AnyEmbeteStaff,
        ["GET /api/v1/allocations/{year:int}/payments.csv"] = Access.AnyEmbeteStaff,
        ["GET /api/v1/allocations/{year:int}/pain001.xml"] = Access.AnyEmbeteStaff,
        ["GET /api/v1/grants/{id:guid}/letter.pdf"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/letters"] = Access.OwnEmbeteStaff, // proposes; nothing is made until confirmed
        ["POST /api/v1/grants/{id:guid}/letters/confirm"] = Access.OwnEmbeteApprover, // another leader than the proposer (issue 16)
        ["POST /api/v1/grants/{id:guid}/letters/cancel"] = Access.OwnEmbeteStaff, // the proposer withdraws, a leader refuses
        ["GET /api/v1/grants/{id:guid}/report"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["PUT /api/v1/grants/{id:guid}/report"] = Access.OwnOrgApplicant,
        ["POST /api/v1/grants/{id:guid}/report/submit"] = Access.OwnOrgApplicant,
        ["GET /api/v1/grants/{id:guid}/report/submissions"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["GET /api/v1/grants/{id:guid}/report/submissions/{number:int}/pdf"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/report/attachments"] = Access.OwnOrgApplicant,
        ["GET /api/v1/grants/{id:guid}/report/attachments/{attachmentId:guid}"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/report/recommend"] = Access.OwnEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/report/approve"] = Access.OwnEmbeteApprover,
        ["POST /api/v1/grants/{id:guid}/report/return"] = Access.OwnEmbeteStaff,
        ["GET /api/v1/reports"] = Access.AnyEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/reallocations"] = Access.OwnOrgApplicant,
        ["GET /api/v1/grants/{id:guid}/reallocations"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/reallocations/{reallocationId:guid}/decision"] = Access.OwnEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/account-changes"] = Access.OwnOrgApplicant,
        ["GET /api/v1/grants/{id:guid}/account-changes"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/account-changes/{changeId:guid}/decision"] = Access.OwnEmbeteApprover,
        ["POST /api/v1/grants/{id:guid}/transfer/decision"] = Access.OwnEmbeteApprover,
        ["GET /api/v1/grants/{id:guid}/transfer/letter.pdf"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/repayment-claims"] = Access.OwnEmbeteStaff,
        ["GET /api/v1/grants/{id:guid}/repayment-claims"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/issue"] = Access.OwnEmbeteApprover,
        ["POST /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/paid"] = Access.OwnEmbeteStaff,
        ["GET /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/letter.pdf"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["GET /soknad/{id:guid}/rapport"] = Access.OwnOrgApplicant,
        ["POST /soknad/{id:guid}/rapport"] = Access.OwnOrgApplicant,
        ["GET /saksbehandling/rapporter/{year:int?}"] = Access.AnyEmbeteStaff,
        ["GET /saksbehandling/rapporter/{year:int}/{grantId:guid}"] = Access.OwnEmbeteStaff,
        ["POST /saksbehandling/rapporter/{year:int}/{grantId:guid}"] = Access.OwnEmbeteStaff,
        ["POST /api/v1/grants/{id:guid}/paid"] = Access.OwnEmbeteStaff, // proposes; not paid until confirmed
        ["POST /api/v1/grants/{id:guid}/paid/confirm"] = Access.OwnEmbeteApprover, // another leader than the proposer (issue 16)
        ["POST /api/v1/grants/{id:guid}/paid/cancel"] = Access.OwnEmbeteStaff, // the proposer withdraws, a leader refuses
        ["GET /soknad/{id:guid}/vedtak/brev.pdf"] = Access.OwnOrgApplicantOrEmbeteStaff,
        ["GET /saksbehandling/brev/{year:int}"] = Access.AnyEmbeteStaff,
        ["POST /saksbehandling/brev/{year:int}"] = Access.AnyEmbeteStaff,
        ["GET /saksbehandling/brevmal/{year:int}"] = Access.AnyEmbeteStaff,
        ["GET /saksbehandling/utbetaling/{year:int}/fil"] = Access.AnyEmbeteStaff,
        ["GET /saksbehandling/utbetaling/{year:int}/betalt"] = Access.AnyEmbeteStaff,
        ["POST /saksbehandling/utbetaling/{year:int}/betalt"] = Access.AnyEmbeteStaff,
        ["POST /saksbehandling/brevmal/{year:int}"] = Access.AnyEmbeteStaff,
    };

    /// <summary>
    /// The routes an API client may call with the scope for it (RequireApiScope), as its organisation's applicant would;
    /// every other route refuses a client token, whatever its scopes: staff decisions, administration, pages.
    /// </summary>
    private static readonly HashSet<string> ClientRoutes = new(StringComparer.Ordinal)
    {
        "GET /api/v1/applications/",                                  // applications.read
        "GET /api/v1/applications/{id:guid}",
        "GET /api/v1/applications/{id:guid}/submissions",
        "GET /api/v1/applications/{id:guid}/submissions/{number:int}",
        "GET /api/v1/applications/{id:guid}/submissions/{number:int}/snapshot",
        "POST /api/v1/applications/",                                 // drafts.write
        "PUT /api/v1/applications/{id:guid}",
        "GET /api/v1/applications/{id:guid}/decision",                // decisions.read
        "GET /api/v1/grants/{id:guid}/letter.pdf",
        "GET /api/v1/grants/{id:guid}/report",                        // reports.read
        "GET /api/v1/grants/{id:guid}/report/submissions",
        "GET /api/v1/grants/{id:guid}/report/submissions/{number:int}/pdf",
    };

    /// <summary>What an embete's API client may call: reading only, each route opened by one of the embete side's scopes.</summary>
    private static readonly HashSet<string> EmbeteClientRoutes = new(StringComparer.Ordinal)
    {
        "GET /api/v1/cases/",                                         // cases.read
        "GET /api/v1/cases/{id:guid}",
        "GET /api/v1/reports",                                        // report-overview.read
    };

    /// <summary>
    /// Routes whose allowed answer may be something other than 2xx, as the matrix writes it (the
    /// arranged application's id as {id}).
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedOtherwise = new(StringComparer.Ordinal)
    {
        ["GET /feil"] = ["500"],                                    // the error page says 500 on purpose
        ["GET /ingen-tilgang"] = ["403"],                           // the no-access page says 403 on purpose
        ["GET /logg-inn"] = ["302 → /"],                            // already signed in: on to the start page
        ["GET /logg-ut"] = ["302 → /logg-inn"],                     // not signed in: nothing to log out of
        ["GET /logg-inn/ekstern/{provider}"] = ["404"],             // no external log-in configured here (Account/ExternalLoginTests has them)
        ["GET /soknad/{year:int}"] = ["302 → /soknad/{id}/oppsummering"], // the organisation's application for the year exists
        ["GET /api/v1/applications/{id:guid}/decision"] = ["404"],  // no decision yet for the arranged application
        ["GET /api/v1/allocations/{year:int}/archive.zip"] = ["409"], // the year's allocation is not approved
        ["GET /api/v1/allocations/{year:int}/payments.csv"] = ["409"],
        ["GET /api/v1/allocations/{year:int}/pain001.xml"] = ["409"],
        ["GET /api/v1/grants/{id:guid}/letter.pdf"] = ["404"],      // {id} is the application's id, not a grant's
        ["GET /api/v1/grants/{id:guid}/report"] = ["404"],          // the same for the report's routes
        ["PUT /api/v1/grants/{id:guid}/report"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/report/submit"] = ["404"],
        ["GET /api/v1/grants/{id:guid}/report/submissions"] = ["404"],
        ["GET /api/v1/grants/{id:guid}/report/submissions/{number:int}/pdf"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/report/attachments"] = ["404"],
        ["GET /api/v1/grants/{id:guid}/report/attachments/{attachmentId:guid}"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/report/recommend"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/report/approve"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/report/return"] = ["404"],
        ["POST /api/v1/cases/{id:guid}/assignment"] = ["400"],      // the matrix names no officer
        ["GET /api/v1/reports"] = ["400"],                          // the year is required
        ["POST /api/v1/grants/{id:guid}/reallocations"] = ["404"],
        ["GET /api/v1/grants/{id:guid}/reallocations"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/reallocations/{reallocationId:guid}/decision"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/account-changes"] = ["404"],
        ["GET /api/v1/grants/{id:guid}/account-changes"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/account-changes/{changeId:guid}/decision"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/transfer/decision"] = ["404"],
        ["GET /api/v1/grants/{id:guid}/transfer/letter.pdf"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/repayment-claims"] = ["404"],
        ["GET /api/v1/grants/{id:guid}/repayment-claims"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/issue"] = ["404"],
        ["POST /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/paid"] = ["404"],
        ["GET /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/letter.pdf"] = ["404"],
        ["GET /soknad/{id:guid}/rapport"] = ["404"],                // no decision, so no report, for the arranged application
        ["POST /soknad/{id:guid}/rapport"] = ["404"],
        ["GET /saksbehandling/rapporter/{year:int}/{grantId:guid}"] = ["404"], // no such grant
        ["POST /saksbehandling/rapporter/{year:int}/{grantId:guid}"] = ["404"],
        ["GET /soknad/{id:guid}/vedtak/brev.pdf"] = ["404"],        // no decision, so no letter, for the arranged application
        ["GET /saksbehandling/utbetaling/{year:int}/fil"] = ["302 → /saksbehandling/brev/2027"],   // not approved: back to the letters page with the reason
        ["GET /saksbehandling/utbetaling/{year:int}/betalt"] = ["302 → /saksbehandling/brev/2027"], // the form lives on the letters page
        ["GET /ordningsar/{year:int}/publiser"] = ["302 → /ordningsar/2027"], // the form lives on the year's page
    };

    /// <summary>Callers with no right to the arranged application: even where they are allowed in, the answer must not show it.</summary>
    private static readonly Caller[] Strangers = [Caller.ApplicantOtherOrgSameEmbete, Caller.ApplicantOtherOrg, Caller.CaseOfficerOtherEmbete, Caller.SystemOtherOrg, Caller.SystemOtherEmbete];

    /// <summary>Routes that show other organisations' data to strangers by design.</summary>
    private static readonly HashSet<string> SharedByDesign = new(StringComparer.Ordinal)
    {
        // None today: the demo outbox shows each person only what was sent to them (OutboxAccess).
    };

    /// <summary>
    /// An organisation's API client is its organisation's applicant, but only on <see cref="ClientRoutes"/>; an embete's is
    /// a case officer of its embete, but only on <see cref="EmbeteClientRoutes"/> (and both on what is open to anyone).
    /// </summary>
    private static bool IsAllowed(string route, Access access, Caller caller) => !RefusedLater.ContainsKey((route, caller)) && caller switch
    {
        Caller.CaseOfficerConflicted => !RefusedForConflict.ContainsKey(route) && IsAllowed(access, Caller.CaseOfficer),
        Caller.ApproverConflicted => !RefusedForConflict.ContainsKey(route) && IsAllowed(access, Caller.Approver),
        Caller.CaseOfficerAndApprover => IsAllowed(access, Caller.CaseOfficer) || IsAllowed(access, Caller.Approver),
        Caller.SystemOwnOrg => access == Access.Anonymous || (ClientRoutes.Contains(route) && IsAllowed(access, Caller.ApplicantOwnOrg)),
        Caller.SystemOtherOrg => access == Access.Anonymous || (ClientRoutes.Contains(route) && IsAllowed(access, Caller.ApplicantOtherOrg)),
        Caller.SystemOwnEmbete => access == Access.Anonymous || (EmbeteClientRoutes.Contains(route) && IsAllowed(access, Caller.CaseOfficer)),
        Caller.SystemOtherEmbete => access == Access.Anonymous || (EmbeteClientRoutes.Contains(route) && IsAllowed(access, Caller.CaseOfficerOtherEmbete)),
        _ => IsAllowed(access, caller),
    };

    private static bool IsAllowed(Access access, Caller caller) => access switch
    {
        Access.Anonymous => true,
        Access.Authenticated => caller != Caller.Anonymous,
        Access.Applicant => caller is Caller.ApplicantOwnOrg or Caller.ApplicationAdminOwnOrg or Caller.ApplicantOtherOrgSameEmbete or Caller.ApplicantOtherOrg,
        Access.OwnOrgApplicant => caller is Caller.ApplicantOwnOrg or Caller.ApplicationAdminOwnOrg,
        Access.OwnOrgApplicantOrEmbeteStaff => caller is Caller.ApplicantOwnOrg or Caller.ApplicationAdminOwnOrg or Caller.CaseOfficer or Caller.Approver,
        Access.AllocationStaff => caller is Caller.CaseOfficer or Caller.CaseOfficerOtherEmbete or Caller.Approver or Caller.Directorate or Caller.Admin,
        Access.AnyEmbeteStaff => caller is Caller.CaseOfficer or Caller.CaseOfficerOtherEmbete or Caller.Approver,
        Access.AnyCaseOfficer => caller is Caller.CaseOfficer or Caller.CaseOfficerOtherEmbete,
        Access.AnyApprover => caller is Caller.Approver,
        Access.OwnEmbeteStaff => caller is Caller.CaseOfficer or Caller.Approver,
        Access.OwnEmbeteCaseOfficer => caller is Caller.CaseOfficer,
        Access.OwnEmbeteApprover => caller is Caller.Approver,
        Access.Directorate => caller is Caller.Directorate or Caller.Admin,
        Access.StaffOrDirectorate => caller is Caller.CaseOfficer or Caller.CaseOfficerOtherEmbete or Caller.Approver or Caller.Directorate or Caller.Admin,
        Access.Admin => caller is Caller.Admin,
        Access.Granters => caller is Caller.Approver or Caller.ApplicationAdminOwnOrg or Caller.Directorate or Caller.Admin,
        Access.ApiClientAdmins => caller is Caller.ApplicationAdminOwnOrg or Caller.Approver or Caller.Admin,
        Access.AuditReaders => caller is Caller.Approver or Caller.Admin,
        Access.Unlockers => caller is Caller.Approver or Caller.Admin,
        Access.RecipientOrAdmin => caller is Caller.ApplicantOwnOrg or Caller.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    private sealed record Route(string Method, string Pattern)
    {
        public string Key => $"{Method} {Pattern}";
    }

    private sealed record Cell(bool Expected, string Text, string? Problem);

    [Fact]
    public async Task Every_route_refuses_everyone_not_allowed_and_leaks_nothing()
    {
        // Arrange: a submitted application owned by Trondheim (soker.5001), so {id} and {number} are real.
        await CreateDualUserAsync();
        var owner = await factory.CreateApiClientAsync(Emails[Caller.ApplicantOwnOrg]);
        var draft = ApplicationApi.Complete(await ApplicationApi.StartAsync(owner));
        var saved = await ApplicationApi.SaveAsync(owner, draft);
        var applicationId = ApplicationApi.Id(saved);
        using (var submit = await ApplicationApi.SubmitAsync(owner, applicationId, ApplicationApi.Version(saved)))
        {
            Assert.True(submit.IsSuccessStatusCode, $"Submitting the arranged application gave {(int)submit.StatusCode}.");
        }
        Guid outboxId;
        string organisationId;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var to = Emails[Caller.ApplicantOwnOrg];
            outboxId = await db.OutboxMessages.Where(m => m.To == to).Select(m => m.Id).FirstAsync();
            // A registered organisation that is not a municipality, for the administrator's routes.
            var college = new Ktu.Web.Domain.Organisation
            {
                OrgNumber = "990000077",
                Name = "Matrisehøgskolen",
                Kind = Ktu.Web.Domain.OrganisationKind.University,
                EmbeteId = "trondelag",
                CountyNumber = "50",
            };
            db.Organisations.Add(college);
            await db.SaveChangesAsync();
            organisationId = college.Id.ToString(CultureInfo.InvariantCulture);
        }

        var routes = RouteTable();
        var unclassified = routes.Where(r => !Classification.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        var stale = Classification.Keys.Where(k => routes.All(r => r.Key != k)).ToList();

        var browsers = new Dictionary<Caller, HttpClient> { [Caller.Anonymous] = factory.CreateBrowserClient() };
        var apis = new Dictionary<Caller, HttpClient> { [Caller.Anonymous] = factory.CreateBrowserClient() };
        var tokens = new Dictionary<Caller, string>();
        foreach (var (caller, email) in Emails)
        {
            browsers[caller] = await factory.CreateSignedInBrowserClientAsync(email);
            apis[caller] = await factory.CreateApiClientAsync(email);
            tokens[caller] = await AntiforgeryTokenAsync(browsers[caller]);
        }

        // Issue 16: the second officer and the second leader declare a conflict on the arranged application.
        foreach (var conflicted in new[] { Caller.CaseOfficerConflicted, Caller.ApproverConflicted })
        {
            using var declared = await apis[conflicted].PostAsJsonAsync($"/api/v1/cases/{applicationId}/impartiality", new { conflict = true, reason = "Nær familie er ansatt hos søkeren." });
            Assert.True(declared.IsSuccessStatusCode, $"Declaring a conflict as {conflicted} gave {(int)declared.StatusCode}.");
        }

        foreach (var (caller, municipality) in new[] { (Caller.SystemOwnOrg, "5001"), (Caller.SystemOtherOrg, "0301") })
        {
            apis[caller] = browsers[caller] = await SystemAsync(apis[Caller.Admin], municipality);
        }
        foreach (var (caller, embeteId) in new[] { (Caller.SystemOwnEmbete, "trondelag"), (Caller.SystemOtherEmbete, "innlandet") })
        {
            apis[caller] = browsers[caller] = await EmbeteSystemAsync(apis[Caller.Admin], embeteId);
        }

        var callers = Enum.GetValues<Caller>();
        var matrix = new List<(Route Route, Access? Access, Dictionary<Caller, Cell> Cells)>();
        foreach (var route in routes)
        {
            if (!Classification.TryGetValue(route.Key, out var access))
            {
                matrix.Add((route, null, []));
                continue;
            }
            var path = Fill(route.Pattern, applicationId, outboxId, organisationId);
            var cells = new Dictionary<Caller, Cell>();
            foreach (var caller in callers)
            {
                if (RefusedLater.ContainsKey((route.Key, caller)))
                {
                    continue; // called below, once the state for it is made
                }
                var allowed = IsAllowed(route.Key, access, caller);
                var changesData = route.Method is not ("GET" or "HEAD");
                if (allowed && changesData)
                {
                    cells[caller] = new Cell(true, "✔ (not called)", null);
                    continue;
                }
                var isApi = route.Pattern.StartsWith("/api/", StringComparison.Ordinal);
                var client = isApi ? apis[caller] : browsers[caller];
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
                var conflicted = caller is Caller.CaseOfficerConflicted or Caller.ApproverConflicted && RefusedForConflict.ContainsKey(route.Key);
                if (changesData)
                {
                    request.Content = isApi
                        ? new StringContent(conflicted ? RefusedForConflict[route.Key].Body : "{}", Encoding.UTF8, "application/json")
                        : new FormUrlEncodedContent(tokens.TryGetValue(caller, out var token)
                            ? new Dictionary<string, string> { [Forms.TokenField] = token }
                            : []);
                }
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                cells[caller] = Judge(route, path, allowed, Strangers.Contains(caller) && !SharedByDesign.Contains(route.Key), response, body, applicationId,
                    ownOrganisation: caller is Caller.ApplicantOwnOrg or Caller.ApplicationAdminOwnOrg,
                    refusalCodes: conflicted ? RefusedForConflict[route.Key].Codes : []);
            }
            matrix.Add((route, access, cells));
        }

        // Issue 16: the refusals that need a later state, on the arranged application taken on through the case flow.
        // A fresh log-in for each step: the clock moves on to the report window on the way.
        var later = await RefuseLaterAsync(applicationId, caller => factory.CreateApiClientAsync(Emails[caller]));
        foreach (var ((routeKey, caller), _) in RefusedLater)
        {
            var row = matrix.Find(r => r.Route.Key == routeKey);
            if (row.Cells is not null)
            {
                row.Cells[caller] = later.TryGetValue((routeKey, caller), out var cell) ? cell : new Cell(false, "❗ not called", "the state for this refusal was not reached");
            }
        }

        WriteMarkdown(matrix, callers);

        var wrong = matrix
            .SelectMany(row => row.Cells.Where(c => c.Value.Problem is not null)
                .Select(c => $"{row.Route.Key} as {c.Key}: {c.Value.Problem}"))
            .ToList();
        var report = new StringBuilder();
        if (unclassified.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"Routes in the route table but not classified in {nameof(AuthorizationMatrixTests)}:");
            unclassified.ForEach(u => report.AppendLine(CultureInfo.InvariantCulture, $"  {u}"));
        }
        if (stale.Count > 0)
        {
            report.AppendLine("Classified routes the app no longer maps:");
            stale.ForEach(s => report.AppendLine(CultureInfo.InvariantCulture, $"  {s}"));
        }
        if (wrong.Count > 0)
        {
            report.AppendLine("Wrong cells:");
            wrong.ForEach(w => report.AppendLine(CultureInfo.InvariantCulture, $"  {w}"));
        }
        Assert.True(report.Length == 0, report.ToString());
    }

    /// <summary>A client registered by the administrator for the municipality with every applicant scope, holding a fresh token.</summary>
    private async Task<HttpClient> SystemAsync(HttpClient admin, string municipalityNumber)
    {
        int organisationId;
        await using (var scope = factory.CreateScope())
        {
            organisationId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations
                .Where(o => o.MunicipalityNumber == municipalityNumber).Select(o => o.Id).SingleAsync();
        }
        using var registered = await admin.PostAsJsonAsync("/api/v1/admin/api-clients", new { name = "Matrisesystem " + municipalityNumber, organisationId, scopes = Ktu.Web.Domain.ApiScopes.ApplicantSide });
        return await TokenAsync(registered);
    }

    /// <summary>A client registered by the administrator for the embete with every embete scope, holding a fresh token.</summary>
    private async Task<HttpClient> EmbeteSystemAsync(HttpClient admin, string embeteId)
    {
        using var registered = await admin.PostAsJsonAsync("/api/v1/admin/api-clients", new { name = "Matrisesystem " + embeteId, embeteId, scopes = Ktu.Web.Domain.ApiScopes.EmbeteSide });
        return await TokenAsync(registered);
    }

    private async Task<HttpClient> TokenAsync(HttpResponseMessage registered)
    {
        Assert.True(registered.IsSuccessStatusCode, $"Registering a matrix client gave {(int)registered.StatusCode}.");
        var body = await ApplicationApi.ReadAsync(registered);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = body["client"]!["clientId"]!.GetValue<string>(),
            ["client_secret"] = body["clientSecret"]!.GetValue<string>(),
        });
        var anonymous = factory.CreateBrowserClient();
        using var token = await anonymous.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), content);
        var system = factory.CreateBrowserClient();
        system.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", (await ApplicationApi.ReadAsync(token))["access_token"]!.GetValue<string>());
        return system;
    }

    /// <summary>Every route the app maps, from its own endpoint data source; pages as GET plus POST when they have a POST handler.</summary>
    private List<Route> RouteTable()
    {
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        var routes = new HashSet<Route>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText;
            if (pattern is null || pattern.StartsWith("/_framework", StringComparison.Ordinal)
                || endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
            {
                continue;
            }
            if (!pattern.StartsWith('/'))
            {
                pattern = "/" + pattern;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0)
            {
                var page = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>();
                methods = page is null
                    ? ["GET", "POST"]
                    : page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Distinct().ToList();
            }
            foreach (var method in methods.Where(m => m is not ("HEAD" or "OPTIONS")))
            {
                routes.Add(new Route(method, pattern));
            }
        }
        return [.. routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\{(?:\*\*?)?(\w+)(?::[^}?]*)?(\?)?\}")]
    private static partial Regex Parameter();

    private static string Fill(string pattern, string applicationId, Guid outboxId, string organisationId) => Parameter().Replace(pattern, m => m.Groups[1].Value switch
    {
        "id" when pattern.StartsWith("/api/v1/admin/organisations", StringComparison.Ordinal)
            || pattern.StartsWith("/admin/organisasjoner", StringComparison.Ordinal) => organisationId,
        "id" when pattern.StartsWith("/utboks", StringComparison.Ordinal) => outboxId.ToString(),
        "id" => applicationId,
        "number" => "1",
        "questionId" => "00000000-0000-0000-0000-000000000001",
        "attachmentId" or "grantId" or "claimId" or "changeId" or "reallocationId" => "00000000-0000-0000-0000-000000000002",
        "name" => "scenario",
        "year" => ApplicationApi.OpenYear.ToString(CultureInfo.InvariantCulture),
        "code" => "404",
        "documentName" => "v1",
        "embete" => "trondelag",
        "provider" => "idporten",
        "role" => "applicant",
        _ when m.Groups[2].Success => "",
        var name => throw new InvalidOperationException($"No value for route parameter {{{name}}} in {pattern}."),
    });

    private static Cell Judge(
        Route route, string path, bool allowed, bool stranger, HttpResponseMessage response, string body, string applicationId, bool ownOrganisation, string[] refusalCodes)
    {
        var status = (int)response.StatusCode;
        var redirect = response.StatusCode == HttpStatusCode.Redirect ? response.RedirectPath() : null;
        var text = redirect is null ? status.ToString(CultureInfo.InvariantCulture) : $"{status} → {redirect.Replace(applicationId, "{id}", StringComparison.OrdinalIgnoreCase)}";
        // The caller's own request path may be echoed back (problem "instance"); anything else about the object may not.
        var rest = body.Replace(path, "", StringComparison.OrdinalIgnoreCase);
        // Trondheim's own people see their organisation's number on every page (the layout), refused or not.
        var leaks = (ownOrganisation ? new[] { applicationId } : [TrondheimOrgNumber, applicationId]).Where(s => rest.Contains(s, StringComparison.OrdinalIgnoreCase)).ToList();
        var leak = !allowed || stranger ? leaks : [];
        if (allowed)
        {
            var ok = (status is >= 200 and < 300 && !AllowedOtherwise.ContainsKey(route.Key))
                || (AllowedOtherwise.TryGetValue(route.Key, out var others)
                    && (others.Contains(text) || status is >= 200 and < 300));
            return !ok
                ? new Cell(true, $"❗ {text}", $"expected allowed, got {text}")
                : leak.Count > 0
                    ? new Cell(true, $"❗ {text} leaks", $"allowed with {text}, but shows another organisation's application: {string.Join(", ", leak)}")
                    : new Cell(true, $"✔ {text}", null);
        }
        // A rule refusal (409) counts only where the route is expected to refuse this caller for that rule, with its code.
        var code = status == 409 ? refusalCodes.FirstOrDefault(c => body.Contains($"\"{c}\"", StringComparison.Ordinal)) : null;
        if (code is not null)
        {
            text = $"{text} {code}";
        }
        var refused = status is 401 or 403 or 404 || redirect is "/logg-inn" or "/ingen-tilgang" || code is not null;
        if (!refused)
        {
            return new Cell(false, $"❗ {text}", $"expected refused, got {text}");
        }
        return leak.Count == 0
            ? new Cell(false, $"✘ {text}", null)
            : new Cell(false, $"❗ {text} leaks", $"refused with {text}, but the body contains {string.Join(", ", leak)}");
    }

    /// <summary>An antiforgery token for the signed-in user (from the layout's log-out form on the start page).</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser)
    {
        using var response = await browser.GetAsync(new Uri("/", UriKind.Relative));
        return Forms.AntiforgeryToken(await response.Content.ReadAsStringAsync());
    }

    private static void WriteMarkdown(List<(Route Route, Access? Access, Dictionary<Caller, Cell> Cells)> matrix, Caller[] callers)
    {
        var md = new StringBuilder();
        md.AppendLine("# Authorization matrix");
        md.AppendLine();
        md.AppendLine("Written by `tests/Ktu.IntegrationTests/Security/AuthorizationMatrixTests.cs` on every run; do not edit by hand.");
        md.AppendLine("Every route in the app's route table, called as each caller on a real, submitted application owned by");
        md.AppendLine("Trondheim kommune (embete Trøndelag). ✔ allowed, ✘ refused (401/403/404 or a redirect to /logg-inn or");
        md.AppendLine("/ingen-tilgang, without the organisation number or application id in the body), ❗ wrong. Answers to");
        md.AppendLine("callers of another organisation or embete must not show the application even where they are allowed in.");
        md.AppendLine("State-changing routes are called only by callers that must be refused (\"not called\" otherwise).");
        md.AppendLine();
        md.AppendLine("Callers: anonymous; applicant of the owning organisation (soker.5001, Trondheim); applicant of another");
        md.AppendLine("organisation in the same embete (soker.5006, Steinkjer); applicant of another organisation and embete");
        md.AppendLine("(soker.0301, Oslo); case officer and approver of the owning embete (Trøndelag);");
        md.AppendLine("case officer of another embete (Innlandet); directorate; admin; Trondheim's and Oslo's own systems (API clients);");
        md.AppendLine("a second case officer and a second approver of Trøndelag who have each declared a conflict (inhabil) on the");
        md.AppendLine("application (issue 16); and a person of Trøndelag holding both roles, case officer and approver (CaseOfficerAndApprover).");
        md.AppendLine("The two with a conflict are refused what their role otherwise allows on the application: assessing it, asking the");
        md.AppendLine("applicant, withdrawing the conflict (409 with the rule's code, shown after the status), and everything that follows");
        md.AppendLine("from it below. After the matrix has been walked, the application is taken on through the real case flow: the person");
        md.AppendLine("with both roles assesses every case of the year and sends the allocation, the leader approves it and makes the letters,");
        md.AppendLine("the person with both roles proposes the payment, a corrected letter and a repayment claim, the applicant applies for");
        md.AppendLine("an account change and a reallocation, reports unused money for transfer, and the person with both roles recommends");
        md.AppendLine("the report. At each step the refused callers call the route on the real object (its grant id as `{id}`) with a body");
        md.AppendLine("that would otherwise be accepted: those with a conflict get `409 conflict-declared` (`impartiality-conflict` for an");
        md.AppendLine("allocation line, `four-eyes` for approving an allocation with a conflict), and the person with both roles gets");
        md.AppendLine("`409 four-eyes` where a second person must act (approving the allocation they sent, confirming their own proposed");
        md.AppendLine("payment or letter, issuing their own claim, approving the report they recommended and deciding its transfer). Each");
        md.AppendLine("such refusal is checked to change nothing (the audit trail and the objects' versions are as before).");
        md.AppendLine();
        md.Append("| Method | Route | Access |");
        foreach (var c in callers)
        {
            md.Append(CultureInfo.InvariantCulture, $" {c} |");
        }
        md.AppendLine();
        md.Append("|---|---|---|");
        md.AppendLine(string.Concat(Enumerable.Repeat("---|", callers.Length)));
        foreach (var (route, access, cells) in matrix)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {route.Method} | `{route.Pattern}` | {(access?.ToString() ?? "❗ unclassified")} |");
            foreach (var c in callers)
            {
                md.Append(CultureInfo.InvariantCulture, $" {(cells.TryGetValue(c, out var cell) ? cell.Text : "")} |");
            }
            md.AppendLine();
        }
        md.AppendLine();
        md.AppendLine("Notes:");
        md.AppendLine();
        md.AppendLine("- The outbox (`/utboks`) is open to every signed-in user, who sees the e-mails sent to their own address; the");
        md.AppendLine("  admin sees all (`OutboxAccess`). The tests run with `Demo:Enabled`; without demo mode the admin sees the");
        md.AppendLine("  state of others' messages but not their text (Outbox/OutboxPageTests).");
        md.AppendLine("- Refused answers must not contain Trondheim's organisation number or the application id, apart from an echo of");
        md.AppendLine("  the caller's own request path (problem details `instance`).");
        md.AppendLine("- The matrix checks the access rules of the route; it does not follow links or test rate limits.");
        md.AppendLine("- Other callers on the grant routes are called with the application's id as `{id}` (404 for staff, who are allowed");
        md.AppendLine("  in); the refusals for impartiality and four eyes are called on the real grant, as above. The stories around these");
        md.AppendLine("  rules are tested where their state is made: Assessment/ImpartialityAndFourEyesTests, Reporting/*,");
        md.AppendLine("  GrantLetters/GrantLetterTests.");
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ktu.slnx")))
        {
            dir = dir.Parent;
        }
        if (dir is null)
        {
            return;
        }
        var target = Path.Combine(dir.FullName, "docs", "security");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "authorization-matrix.md"), md.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
