using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Features.GrantLetters;

namespace Ktu.UnitTests.GrantLetters;

/// <summary>The letter texts: national parts stay fixed, the embete's parts are checked, and the stored JSON is stable.</summary>
public sealed class GrantLetterTemplateTests
{
    private static readonly GrantLetterTemplate Template = GrantLetterTemplate.Default(2025, new DateOnly(2026, 3, 2), 200_000);

    [Fact]
    public void The_default_template_passes_its_own_checks()
    {
        Assert.Empty(GrantLetterTemplateRules.Check(Template));
        Assert.Empty(GrantLetterTemplateRules.Check(GrantLetterTemplate.Default(2022, new DateOnly(2023, 3, 1), 200_000, ThresholdComparison.Above, "Kompetanse- og innovasjonstilskudd")));
    }

    [Fact]
    public void The_no_appeal_rule_cites_forvaltningsloven_28()
    {
        Assert.Equal("Det er ikke klagerett på tildeling eller avslag på tilskudd fra denne ordningen, jf. forvaltningsloven § 28.", Template.Fixed.NoAppeal);
    }

    [Fact]
    public void The_auditor_text_follows_the_year_s_comparison()
    {
        Assert.StartsWith("Samlet tilskudd er {revisorgrense} eller mer.", Template.Fixed.AuditorRequired, StringComparison.Ordinal);
        var above = GrantLetterTemplate.Default(2022, new DateOnly(2023, 3, 1), 200_000, ThresholdComparison.Above);
        Assert.StartsWith("Samlet tilskudd er over {revisorgrense}.", above.Fixed.AuditorRequired, StringComparison.Ordinal);
    }

    [Fact]
    public void An_embete_may_change_greeting_contact_and_closing()
    {
        var edited = Template with
        {
            Embete = new GrantLetterEmbeteTexts
            {
                Greeting = "Takk for søknaden fra {mottaker}.",
                Contact = "Spørsmål? Ring sentralbordet og oppgi {saksnummer}.",
                Closing = "Med vennlig hilsen\n{embete}",
            },
        };

        Assert.Empty(GrantLetterTemplateRules.CheckEdit(Template, edited));
    }

    [Fact]
    public void An_edit_of_a_national_text_is_refused()
    {
        var edited = Template with { Fixed = Template.Fixed with { NoAppeal = "Vedtaket kan påklages innen tre uker." } };

        var issue = Assert.Single(GrantLetterTemplateRules.CheckEdit(Template, edited));
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Equal("fixed.noAppeal", issue.Field);
        Assert.Contains("kan ikke endres", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_of_the_deadline_or_threshold_is_refused()
    {
        var edited = Template with { ReportDeadline = new DateOnly(2026, 6, 1), AuditorThreshold = 500_000 };

        var issue = Assert.Single(GrantLetterTemplateRules.CheckEdit(Template, edited));
        Assert.Equal("template-facts-fixed", issue.Code);
    }

    [Fact]
    public void Over_long_texts_unknown_codes_and_a_missing_closing_are_refused()
    {
        var edited = Template with
        {
            Embete = new GrantLetterEmbeteTexts
            {
                Greeting = new string('a', GrantLetterEmbeteTexts.MaxGreeting + 1),
                Contact = "Kontakt {saksbehandler} på {telefon}.",
                Closing = "  ",
            },
        };

        var issues = GrantLetterTemplateRules.CheckEdit(Template, edited);

        Assert.Contains(issues, i => i is { Field: "embete.greeting", Code: "template-text-too-long" } && i.Message.Contains("høyst 2000 tegn", StringComparison.Ordinal));
        Assert.Contains(issues, i => i is { Field: "embete.contact", Code: "template-unknown-code" } && i.Message.Contains("{saksbehandler}, {telefon}", StringComparison.Ordinal));
        Assert.Contains(issues, i => i is { Field: "embete.closing", Code: "template-text-missing" });
        Assert.All(issues, i => Assert.Equal(IssueSeverity.Error, i.Severity));
    }

    [Fact]
    public void Markup_in_an_embete_text_gives_a_warning()
    {
        var edited = Template with { Embete = Template.Embete with { Greeting = "<b>Hei</b>" } };

        var issue = Assert.Single(GrantLetterTemplateRules.CheckEdit(Template, edited));
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
    }

    [Fact]
    public void Merge_codes_are_filled_once_and_values_are_never_read_as_codes()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mottaker"] = "Kommune {saksnummer} {0} %s",
            ["saksnummer"] = "KTU-2025-TRO-0001",
        };

        var filled = LetterPlaceholders.Fill("Til {mottaker}, sak {saksnummer}, {ukjent} og {0} {", values);

        Assert.Equal("Til Kommune {saksnummer} {0} %s, sak KTU-2025-TRO-0001, {ukjent} og {0} {", filled);
    }

    [Fact]
    public void The_stored_json_round_trips_and_has_a_stable_checksum()
    {
        var json = GrantLetterTemplateJson.Serialize(Template);

        var back = GrantLetterTemplateJson.Deserialize(json);

        Assert.Equal(json, GrantLetterTemplateJson.Serialize(back));
        Assert.Equal(Template.Fixed, back.Fixed);
        Assert.Equal(Template.Embete, back.Embete);
        Assert.Contains("\"reportDeadline\":\"2026-03-02\"", json, StringComparison.Ordinal);
        Assert.Contains("\"auditorComparison\":\"atLeast\"", json, StringComparison.Ordinal);
        Assert.Contains("forvaltningsloven § 28", json, StringComparison.Ordinal); // Norwegian letters stay readable
        Assert.Equal(GrantLetterTemplateJson.Sha256(json), GrantLetterTemplateJson.Sha256(GrantLetterTemplate.Default(2025, new DateOnly(2026, 3, 2), 200_000)));
        Assert.Matches("^[0-9a-f]{64}$", GrantLetterTemplateJson.Sha256(json));
        var edited = Template with { Embete = Template.Embete with { Closing = "Hilsen" } };
        Assert.NotEqual(GrantLetterTemplateJson.Sha256(Template), GrantLetterTemplateJson.Sha256(edited));
    }
}
