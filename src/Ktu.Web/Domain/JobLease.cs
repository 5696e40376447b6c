namespace Ktu.Web.Domain;

/// <summary>
/// Who runs a background job now: one row per job, held by one app instance until <see cref="LeaseUntil"/>. Taken with a
/// conditional update (Data/JobLeases), so with several instances on one database a job runs in one of them at a time.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; init; }
    public string HolderId { get; set; } = "";
    public DateTimeOffset LeaseUntil { get; set; }
}
