using Ktu.Web.Domain;

namespace Ktu.Web.Features.Assessment;

public sealed record InboxItemDto(
    Guid ApplicationId, string Reference, string Applicant, string OrgNumber, string Kind, int? Centrality, bool District,
    DateTimeOffset SubmittedAt, string Status, string StatusName, string? AssignedOfficer,
    long Competence, long Bpa, long Projects, long Total, int OpenQuestions, IReadOnlyList<int> MissingReportYears);

public sealed record InboxResponse(int Year, IReadOnlyDictionary<string, int> Counts, int Total, IReadOnlyList<InboxItemDto> Items);

internal sealed record InboxItem(
    Guid ApplicationId,
    string Reference,
    string Applicant,
    string OrgNumber,
    OrganisationKind Kind,
    int? Centrality,
    bool District,
    DateTimeOffset SubmittedAt,
    string Status,
    string StatusName,
    string? AssignedOfficer,
    long Competence,
    long Bpa,
    long Projects,
    long Total,
    int OpenQuestions,
    IReadOnlyList<int> MissingReportYears);

internal sealed record InboxResult(int Year, IReadOnlyList<InboxItem> Items, IReadOnlyDictionary<string, int> Counts, int Total);
