using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

public sealed record ReceiptSender(string OrgNumber, string Name, string SubmittedBy);

/// <summary>The receipt of one submission: what Altinn showed on sending.</summary>
public sealed record SubmissionReceipt(
    string Reference,
    DateTimeOffset SubmittedAt,
    string Sha256,
    int Number,
    Guid ApplicationId,
    int ApplicationVersion,
    ReceiptSender Sender,
    ReceivingEmbete ReceivingEmbete,
    bool Withdrawn)
{
    internal static SubmissionReceipt From(ApplicationSubmission s, ApplicationSnapshot snapshot, bool withdrawn) => new(
        s.Reference,
        s.SubmittedAt,
        s.Sha256,
        s.Number,
        s.ApplicationId,
        s.ApplicationVersion,
        new(snapshot.Organisation.Id, snapshot.Organisation.Name, snapshot.SubmittedBy),
        new(snapshot.ReceivingEmbete.Id, snapshot.ReceivingEmbete.Name),
        withdrawn);
}

/// <summary>The receipts and snapshots of an application, newest first. Only the newest can be in force.</summary>
internal static class Receipts
{
    public static async Task<List<SubmissionReceipt>> ListAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        var rows = await db.ApplicationSubmissions.AsNoTracking()
            .Where(s => s.ApplicationId == application.Id)
            .OrderByDescending(s => s.Number)
            .ToListAsync(ct);
        return rows.Select(s => SubmissionReceipt.From(s, s.ReadSnapshot(), IsWithdrawn(application, s))).ToList();
    }

    public static async Task<(ApplicationSubmission Submission, SubmissionReceipt Receipt)> GetAsync(AppDbContext db, CurrentUser me, Guid id, int number, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        var s = await db.ApplicationSubmissions.AsNoTracking()
            .SingleOrDefaultAsync(x => x.ApplicationId == application.Id && x.Number == number, ct)
            ?? throw new NotFoundException(ApplicationTexts.Submission_NotFound);
        return (s, SubmissionReceipt.From(s, s.ReadSnapshot(), IsWithdrawn(application, s)));
    }

    internal static SubmissionReceipt ReceiptOf(ApplicationSubmission s, Application application) =>
        SubmissionReceipt.From(s, s.ReadSnapshot(), IsWithdrawn(application, s));

    private static bool IsWithdrawn(Application application, ApplicationSubmission s) =>
        s.Number < application.SubmissionCount || application.Status != ApplicationStatus.Submitted;
}
