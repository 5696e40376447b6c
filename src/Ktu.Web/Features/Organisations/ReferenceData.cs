using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Organisations;

/// <summary>
/// Loads the 2024 division of Norway (357 municipalities, 15 counties, 10 embeter) from the CSV
/// files embedded in the product (sources and licences in Data/ReferenceData/SOURCES.md).
/// Idempotent: rows are matched on their keys and updated, never duplicated.
/// </summary>
internal sealed class ReferenceData : IDataSeed
{
    public async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        var embeter = await db.Embeter.ToDictionaryAsync(e => e.Id, ct);
        foreach (var row in ReadEmbedded("statsforvaltere.csv"))
        {
            var orgNr = OrgNumber.Parse(row["orgnr"]).Value;
            if (!embeter.TryGetValue(row["id"], out var e))
            {
                e = new Embete { Id = row["id"], Name = row["navn"], NameBokmal = row["navn_bokmal"], OrgNumber = orgNr };
                db.Embeter.Add(e);
                embeter[e.Id] = e;
            }
            e.Name = row["navn"];
            e.NameBokmal = row["navn_bokmal"];
            e.OrgNumber = orgNr;
        }
        await db.SaveChangesAsync(ct);

        var counties = await db.Counties.ToDictionaryAsync(c => c.Number, ct);
        var countyRows = ReadEmbedded("fylker-2024.csv");
        foreach (var row in countyRows)
        {
            if (!counties.TryGetValue(row["fylkesnummer"], out var c))
            {
                c = new County
                {
                    Number = row["fylkesnummer"],
                    Name = row["navn"],
                    OfficialName = row["offisielt_navn"],
                    EmbeteId = row["statsforvalter_id"],
                    AuthorityName = row["fylkeskommune"],
                    AuthorityOrgNumber = row["fylkeskommune_orgnr"],
                };
                db.Counties.Add(c);
                counties[c.Number] = c;
            }
            c.Name = row["navn"];
            c.OfficialName = row["offisielt_navn"];
            c.EmbeteId = row["statsforvalter_id"];
            c.Population = int.Parse(row["innbyggere_2024"], CultureInfo.InvariantCulture);
            c.AuthorityName = row["fylkeskommune"];
            c.AuthorityOrgNumber = OrgNumber.Parse(row["fylkeskommune_orgnr"]).Value;
        }
        await db.SaveChangesAsync(ct);

        var organisations = await db.Organisations.ToDictionaryAsync(o => o.OrgNumber, ct);
        foreach (var row in ReadEmbedded("kommuner-2024.csv"))
        {
            var orgNr = OrgNumber.Parse(row["orgnr"]).Value;
            if (!organisations.TryGetValue(orgNr, out var o))
            {
                o = new Organisation
                {
                    OrgNumber = orgNr,
                    Name = row["navn"],
                    Kind = OrganisationKind.Municipality,
                    CountyNumber = row["fylkesnummer"],
                    EmbeteId = row["statsforvalter_id"],
                };
                db.Organisations.Add(o);
                organisations[orgNr] = o;
            }
            o.Name = row["navn"];
            o.Kind = OrganisationKind.Municipality;
            o.MunicipalityNumber = row["kommunenummer"];
            o.CountyNumber = row["fylkesnummer"];
            o.EmbeteId = row["statsforvalter_id"];
            o.Population = int.Parse(row["innbyggere_2024"], CultureInfo.InvariantCulture);
            o.Centrality = int.Parse(row["sentralitet"], CultureInfo.InvariantCulture);
        }

        // County municipalities apply as organisations of their own. Oslo kommune carries the
        // county role for Oslo and is already in the table as a municipality.
        foreach (var row in countyRows)
        {
            var orgNr = OrgNumber.Parse(row["fylkeskommune_orgnr"]).Value;
            if (organisations.TryGetValue(orgNr, out var existing))
            {
                if (existing.Kind == OrganisationKind.Municipality)
                {
                    continue;
                }
            }
            else
            {
                existing = new Organisation
                {
                    OrgNumber = orgNr,
                    Name = row["fylkeskommune"],
                    Kind = OrganisationKind.CountyMunicipality,
                    CountyNumber = row["fylkesnummer"],
                    EmbeteId = row["statsforvalter_id"],
                };
                db.Organisations.Add(existing);
                organisations[orgNr] = existing;
            }
            existing.Name = row["fylkeskommune"];
            existing.CountyNumber = row["fylkesnummer"];
            existing.EmbeteId = row["statsforvalter_id"];
            existing.Population = int.Parse(row["innbyggere_2024"], CultureInfo.InvariantCulture);
        }
        await db.SaveChangesAsync(ct);
    }

    internal static List<Dictionary<string, string>> ReadEmbedded(string fileName)
    {
        var assembly = typeof(ReferenceData).Assembly;
        using var stream = assembly.GetManifestResourceStream("ReferenceData." + fileName)
            ?? throw new InvalidOperationException($"Referansedata {fileName} mangler i programmet.");
        using var reader = new StreamReader(stream);
        return Csv.Read(reader);
    }
}
