namespace Ktu.Bench;

/// <summary>A heavy operation of KTU, measured when the running build offers it.</summary>
internal interface IScenario
{
    string Name { get; }
    Task<bool> IsAvailableAsync(HttpClient http, string url);
    Task<IReadOnlyList<Row>> RunAsync(HttpClient http, AppProcess app, TimeSpan duration, bool quick, LoadGenerator.Result insertBaseline, LoadGenerator.Result pingBaseline);
}

internal static class Scenarios
{
    public static readonly IReadOnlyList<IScenario> All = [new ApplicationScenarios(), new LetterScenario(), new ReportOverviewScenario()];

    /// <summary>True when the app's OpenAPI document lists the path.</summary>
    public static async Task<bool> HasPathAsync(HttpClient http, string url, string path)
    {
        var doc = await http.GetStringAsync(url + "/openapi/v1.json");
        return doc.Contains($"\"{path}\"", StringComparison.Ordinal);
    }
}
