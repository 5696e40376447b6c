namespace Ktu.Web.Documents;

/// <summary>One letter to hand over to the archive, with what the archive records about it.</summary>
internal sealed record ArchiveDocument(
    string CaseReference,
    DateOnly DocumentDate,
    string Recipient,
    string RecipientOrgNumber,
    string Title,
    int Version,
    byte[] Pdf)
{
    /// <summary>SHA-256 of the letter template's stored JSON (<see cref="GrantLetterTemplateJson"/>), when known.</summary>
    public string? TemplateSha256 { get; init; }

    public static ArchiveDocument ForLetter(GrantLetterInput input, byte[] pdf) =>
        new(input.Decision.CaseReference, input.LetterDate, input.Decision.ApplicantName, input.Decision.ApplicantOrgNumber,
            GrantLetterPdf.Title(input), input.Version, pdf)
        {
            TemplateSha256 = GrantLetterTemplateJson.Sha256(input.Template),
        };
}
