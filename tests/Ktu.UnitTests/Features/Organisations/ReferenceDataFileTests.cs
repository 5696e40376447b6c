using Ktu.Web.Domain;
using Ktu.Web.Features.Organisations;

namespace Ktu.UnitTests.Features.Organisations;

public sealed class ReferenceDataFileTests
{
    [Fact]
    public void The_product_ships_all_357_municipalities_with_valid_organisation_numbers()
    {
        var rows = ReferenceData.ReadEmbedded("kommuner-2024.csv");
        Assert.Equal(357, rows.Count);
        Assert.All(rows, r => Assert.True(OrgNumber.IsValid(r["orgnr"]), r["orgnr"]));
        Assert.Equal(357, rows.Select(r => r["kommunenummer"]).Distinct().Count());
        Assert.Equal(5_550_203, rows.Sum(r => int.Parse(r["innbyggere_2024"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_quoted_name_with_a_comma_is_read_as_one_field()
    {
        var rows = ReferenceData.ReadEmbedded("statsforvaltere.csv");
        Assert.Equal(10, rows.Count);
        Assert.Contains(rows, r => r["navn"] == "Statsforvalteren i Østfold, Buskerud, Oslo og Akershus");
    }

    [Fact]
    public void A_line_with_the_wrong_number_of_fields_is_refused()
    {
        using var reader = new StringReader("a,b\n1,2,3\n");
        Assert.Throws<FormatException>(() => Csv.Read(reader));
    }
}
