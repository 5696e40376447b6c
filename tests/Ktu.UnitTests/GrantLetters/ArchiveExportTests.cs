using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using Ktu.Web.Documents;
using static Ktu.UnitTests.GrantLetters.LetterExamples;

namespace Ktu.UnitTests.GrantLetters;

public sealed class ArchiveExportTests
{
    private static ArchiveDocument Letter(string caseReference, string recipient, int version = 1, byte[]? pdf = null) =>
        new(caseReference, new DateOnly(2025, 5, 22), recipient, "942110464", "Vedtak om kompetanse- og tjenesteutviklingstilskudd 2025", version,
            pdf ?? [1, 2, 3, (byte)version]);

    private static (List<string> Names, XDocument Metadata, ZipArchive Zip) Open(byte[] bytes)
    {
        var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        using var meta = zip.GetEntry(ArchiveExport.MetadataFile)!.Open();
        return (zip.Entries.Select(e => e.FullName).ToList(), XDocument.Load(meta), zip);
    }

    [Fact]
    public void The_zip_holds_the_metadata_and_one_pdf_per_letter_with_checksums()
    {
        var input = Input(Decision());
        var pdf = GrantLetterPdf.Render(input);
        var refusal = Letter("KTU-2025-TRO-0002", "Røros kommune");

        var (names, metadata, zip) = Open(ArchiveExport.Write([refusal, ArchiveDocument.ForLetter(input, pdf)]));
        using var _ = zip;

        Assert.Equal(["metadata.xml", "dokumenter/KTU-2025-TRO-0001_v1_Trondheim-kommune.pdf", "dokumenter/KTU-2025-TRO-0002_v1_Roeros-kommune.pdf"], names);
        Assert.Equal("2", metadata.Root!.Attribute("antallDokumenter")!.Value);
        var first = metadata.Root.Elements("dokument").First();
        Assert.Equal("KTU-2025-TRO-0001", first.Element("saksnummer")!.Value);
        Assert.Equal("2025-05-22", first.Element("dokumentdato")!.Value);
        Assert.Equal("Vedtak om kompetanse- og tjenesteutviklingstilskudd 2025", first.Element("tittel")!.Value);
        Assert.Equal("Trondheim kommune", first.Element("mottaker")!.Value);
        Assert.Equal("942110464", first.Element("orgnr")!.Value);
        Assert.Equal("1", first.Element("versjon")!.Value);
        Assert.Equal("dokumenter/KTU-2025-TRO-0001_v1_Trondheim-kommune.pdf", first.Element("filnavn")!.Value);
        Assert.Equal(GrantLetterTemplateJson.Sha256(input.Template), first.Element("malsjekksum")!.Value);
        Assert.Equal("Røros kommune", metadata.Root.Elements("dokument").Last().Element("mottaker")!.Value);

        foreach (var doc in metadata.Root.Elements("dokument"))
        {
            using var stream = zip.GetEntry(doc.Element("filnavn")!.Value)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(doc.Element("sjekksum")!.Value, Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())));
            Assert.Equal(doc.Element("filstorrelse")!.Value, copy.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void File_names_cannot_climb_out_of_the_folder_and_stay_unique()
    {
        var documents = new[]
        {
            Letter("../../etc", "..\\..\\Windows\\system32 <script>"),
            Letter("../../etc", "..\\..\\Windows\\system32 <script>", pdf: [9]),
            Letter("KTU/2025", "\u0000\u202E/"),
        };

        var (names, _, zip) = Open(ArchiveExport.Write(documents));
        using var _z = zip;

        Assert.All(names.Skip(1), n =>
        {
            Assert.StartsWith("dokumenter/", n, StringComparison.Ordinal);
            Assert.DoesNotContain("..", n, StringComparison.Ordinal);
            Assert.DoesNotContain("\\", n, StringComparison.Ordinal);
            Assert.Equal(1, n.Count(c => c == '/'));
            Assert.Matches("^dokumenter/[A-Za-z0-9_-]+\\.pdf$", n);
        });
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("dokumenter/etc_v1_Windows-system32-script.pdf", names);
        Assert.Contains("dokumenter/etc_v1_Windows-system32-script_2.pdf", names);
        Assert.Contains("dokumenter/KTU-2025_v1_mottaker.pdf", names);
    }

    [Fact]
    public void The_same_letters_in_any_order_give_the_same_zip()
    {
        var a = Letter("KTU-2025-TRO-0002", "Røros kommune");
        var b = Letter("KTU-2025-TRO-0001", "Trondheim kommune");
        var b2 = Letter("KTU-2025-TRO-0001", "Trondheim kommune", version: 2);

        var one = ArchiveExport.Write([a, b2, b]);
        var two = ArchiveExport.Write([b, a, b2]);

        Assert.Equal(one, two);
        var (names, _, zip) = Open(one);
        using var _z = zip;
        Assert.Equal(
            ["metadata.xml", "dokumenter/KTU-2025-TRO-0001_v1_Trondheim-kommune.pdf", "dokumenter/KTU-2025-TRO-0001_v2_Trondheim-kommune.pdf", "dokumenter/KTU-2025-TRO-0002_v1_Roeros-kommune.pdf"],
            names);
    }

    [Theory]
    [InlineData("Bø i Telemark", "Boe-i-Telemark")]
    [InlineData("Porsáŋgu", "Porsangu")]
    [InlineData("Ærlig Ås", "Aerlig-Aas")]
    [InlineData("/../", "x")]
    public void Safe_names_are_ascii(string text, string expected) =>
        Assert.Equal(expected, ArchiveExport.SafeName(text, "x"));
}
