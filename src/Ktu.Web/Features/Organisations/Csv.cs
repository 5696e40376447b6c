using System.Text;

namespace Ktu.Web.Features.Organisations;

/// <summary>Reads the RFC 4180 CSV files shipped with the product (quoted fields may hold commas).</summary>
internal static class Csv
{
    public static List<Dictionary<string, string>> Read(TextReader reader)
    {
        var rows = new List<Dictionary<string, string>>();
        string[]? header = null;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var fields = Split(line);
            if (header is null)
            {
                header = fields.ToArray();
                continue;
            }
            if (fields.Count != header.Length)
            {
                throw new FormatException($"CSV-linjen har {fields.Count} felt, forventet {header.Length}: {line}");
            }
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = fields[i];
            }
            rows.Add(row);
        }
        return rows;
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }
}
