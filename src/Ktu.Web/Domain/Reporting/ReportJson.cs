using System.Text.Json;
using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Reporting;

/// <summary>How report documents are written to the database: the same settings as application documents.</summary>
public static class ReportJson
{
    public static string Serialize(ReportContent content) => JsonSerializer.Serialize(content, ApplicationJson.Options);

    public static string Serialize(ReportSnapshot snapshot) => JsonSerializer.Serialize(snapshot, ApplicationJson.Options);

    public static ReportContent Deserialize(string json) =>
        JsonSerializer.Deserialize<ReportContent>(json, ApplicationJson.Options) ?? ReportContent.Empty;

    public static ReportSnapshot DeserializeSnapshot(string json) =>
        JsonSerializer.Deserialize<ReportSnapshot>(json, ApplicationJson.Options) ?? throw new InvalidOperationException("Empty snapshot.");
}
