using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Documents;

/// <summary>
/// What the PDF copy of a submission shows: the stored snapshot exactly as it was sent, with its
/// checksum, and the names the scheme year gives the codes in it. Never the live draft.
/// </summary>
internal sealed record ApplicationPdfModel(
    ApplicationSnapshot Snapshot,
    string Sha256,
    string SchemeName,
    string OrganisationName,
    IReadOnlyDictionary<string, string> EducationTypeNames,
    IReadOnlyDictionary<string, string> ThemeNames,
    bool Withdrawn);
