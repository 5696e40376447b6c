using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using static Ktu.UnitTests.Domain.Applications.Examples;

namespace Ktu.UnitTests.Domain.Applications;

public sealed class ApplicationTests
{
    private static readonly DateTimeOffset Now = new(2025, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Kari = new("user-1", "Kari", "kari@example.org");
    private static readonly Organisation Trondheim = new()
    {
        OrgNumber = "942110464",
        Name = "Trondheim",
        Kind = OrganisationKind.Municipality,
        CountyNumber = "50",
        EmbeteId = "trondelag",
    };

    private static ApplicationSnapshot Snapshot(Application a) => new()
    {
        Reference = "",
        Number = 0,
        ApplicationId = a.Id,
        ApplicationVersion = a.Version,
        SchemeYear = 2025,
        SubmittedAt = Now,
        SubmittedBy = "Kari",
        Organisation = new("942110464", "Trondheim"),
        ReceivingEmbete = new("trondelag", "Statsforvalteren i Trøndelag"),
        Application = a.ReadContent(),
        Summary = ApplicationSummary.From(a.ReadContent()),
        Issues = [],
    };

    [Fact]
    public void Every_save_raises_the_version_by_one_and_keeps_the_content_as_typed()
    {
        var a = Application.Start(Guid.NewGuid(), Trondheim, 2025, Kari, Now);
        var content = Complete() with { Description = "<b>som skrevet</b>" };

        a.SaveDraft(content, Kari, Now);

        Assert.Equal(2, a.Version);
        Assert.Equal(content.Description, a.ReadContent().Description);
        Assert.Equal(content.CompetenceMeasures, a.ReadContent().CompetenceMeasures);
    }

    [Fact]
    public void Submitting_records_the_submitted_version_and_a_sha256_of_the_stored_text()
    {
        var a = Application.Start(Guid.NewGuid(), Trondheim, 2025, Kari, Now);
        a.SaveDraft(Complete(), Kari, Now);

        var s = a.Submit(Kari, Now, Snapshot(a), "KTU-2025-TRO-0001", 1);

        Assert.Equal(ApplicationStatus.Submitted, a.Status);
        Assert.Equal(2, s.ApplicationVersion);
        Assert.Equal(3, a.Version);
        Assert.Equal(1, s.Number);
        Assert.Equal("KTU-2025-TRO-0001", s.Reference);
        Assert.Equal(ApplicationJson.Sha256(s.Snapshot), s.Sha256);
        Assert.Equal("KTU-2025-TRO-0001", s.ReadSnapshot().Reference);
    }

    [Fact]
    public void A_submitted_application_cannot_be_edited_until_it_is_withdrawn()
    {
        var a = Application.Start(Guid.NewGuid(), Trondheim, 2025, Kari, Now);
        a.Submit(Kari, Now, Snapshot(a), "KTU-2025-TRO-0001", 1);

        Assert.Throws<InvalidOperationException>(() => a.SaveDraft(Complete(), Kari, Now));
        a.Withdraw(Kari, Now);
        a.SaveDraft(Complete(), Kari, Now);
        var second = a.Submit(Kari, Now, Snapshot(a), "KTU-2025-TRO-0099", 99);

        Assert.Equal(2, second.Number);
        Assert.Equal("KTU-2025-TRO-0001", second.Reference);
    }

    [Theory]
    [InlineData("trondelag", 1, "KTU-2025-TRO-0001")]
    [InlineData("troms-og-finnmark", 12, "KTU-2025-TFI-0012")]
    [InlineData("ostfold-buskerud-oslo-og-akershus", 1234, "KTU-2025-OBA-1234")]
    public void Reference_numbers_name_the_year_the_embete_and_a_running_number(string embete, int sequence, string expected) =>
        Assert.Equal(expected, ReferenceNumber.Format(2025, embete, sequence));

    [Fact]
    public void Stored_json_keeps_norwegian_letters_readable() =>
        Assert.Contains("Trøndelag", ApplicationJson.Serialize(Complete() with { Description = "Trøndelag" }), StringComparison.Ordinal);
}
