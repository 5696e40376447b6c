using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Letters;

/// <summary>
/// An embete's own letter texts for one scheme year (greeting, contact, closing) as JSON; the national texts
/// come from the scheme year and are never stored here. <see cref="Version"/> guards two editors at once.
/// </summary>
public sealed class LetterTemplate
{
    private LetterTemplate()
    {
    }

    public Guid Id { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public string EmbeteTextsJson { get; private set; } = "";
    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    public static LetterTemplate Start(string embeteId, int schemeYear) => new()
    {
        Id = Guid.NewGuid(),
        EmbeteId = embeteId,
        SchemeYear = schemeYear,
        Version = 0,
    };

    public void Change(string embeteTextsJson, Actor by, DateTimeOffset now)
    {
        EmbeteTextsJson = embeteTextsJson;
        Version++;
        UpdatedAt = now;
        UpdatedByName = by.DisplayName;
    }
}
