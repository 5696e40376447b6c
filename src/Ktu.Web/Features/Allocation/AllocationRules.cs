using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
namespace Ktu.Web.Features.Allocation;

/// <summary>
/// Where the regelverk orders lines strictly, they form a <em>priority chain</em>: lines of rank 1 in a
/// chain are funded in full before a line of rank 2 in the same chain gets anything, and so on.
/// Lines in different chains share the money in proportion to their weighted claims.
/// A service-development project is a chain of its own.
/// </summary>
internal readonly record struct PriorityChain(string Key, int Rank)
{
    public static PriorityChain Of(AllocationLine line) => line.Kind switch
    {
        LineKind.Competence => new("competence:" + line.EducationType, ContinuationsComeFirst.Rank(line)),
        LineKind.Bpa => new("bpa", WorkLeadersBeforeCaseworkersBeforeAssistants.Rank(line)),
        _ => new("project:" + line.Id, 1),
    };
}

/// <summary>
/// Continuations are funded before new persons of the same education type, across applicants.
/// Utlysning 2025 (Statsforvalteren i Trøndelag), "Tildelingskriterier for kompetansetiltak":
/// "Ansatte som allerede er i et opplæringsløp med støtte fra ordningen, prioriteres."
/// </summary>
internal static class ContinuationsComeFirst
{
    public static int Rank(AllocationLine line) => line.Continuation ? 1 : 2;
}

/// <summary>
/// BPA training is funded for work leaders, then caseworkers, then assistants, across applicants.
/// Regelverk 2022, pkt. D "Følgende søknader skal prioriteres": "Opplæring knyttet til brukerstyrt personlig
/// assistanse (BPA) med følgende prioriteringsrekkefølge: 1. Opplæringstilskudd for nye og etablerte
/// brukere/arbeidsledere 2. Opplæringstilskudd for kommunenes saksbehandlere 3. Opplæringstilskudd for assistenter".
/// BPA lines have no continuation ("Da BPA-ordningen går over kortere tid, er ikke kolonnen om «Videreføring –
/// antall personer» med på denne delen", Trøndelag 2022), so the flag is ignored for them.
/// </summary>
internal static class WorkLeadersBeforeCaseworkersBeforeAssistants
{
    public static int Rank(AllocationLine line) => line.BpaRole switch
    {
        BpaRole.WorkLeader => 1,
        BpaRole.Caseworker => 2,
        _ => 3,
    };
}

/// <summary>
/// A line's weight in a shortfall: the weight of its score, raised for district municipalities.
/// Utlysning 2025: "Følgende søknader skal prioriteres: (...) Søknader fra distriktskommuner", and the
/// assessment is "skjønnsmessig vurdering med utgangspunkt i forventet måloppnåelse" — the score.
/// Expressed in hundredths so all arithmetic stays in whole numbers.
/// </summary>
internal static class WeightFollowsScoreAndDistrict
{
    public static long Weight(AllocationLine line, AllocationSettings settings) =>
        (long)settings.WeightOf(line.Score) * (line.District ? settings.DistrictWeightPercent : 100);
}

/// <summary>A line with score 0 or nothing applied for takes no part in the allocation.</summary>
internal static class OnlyScoredLinesAreFunded
{
    public static bool Applies(AllocationLine line) => line.Score > 0 && line.AmountApplied > 0;
}

/// <summary>
/// No token sums: a line that would get less than the minimum amount, and less than it applied for,
/// gets nothing, and its share goes to the others.
/// </summary>
internal static class NoTokenSums
{
    public static bool IsBelowMinimum(long proposed, long applied, AllocationSettings settings) =>
        proposed > 0 && proposed < applied && proposed < settings.MinimumAmount;
}
