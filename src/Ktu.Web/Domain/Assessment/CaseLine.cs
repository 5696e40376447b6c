using System.Globalization;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Domain.Assessment;

/// <summary>
/// One line of a submitted application as the embete assesses and funds it: a competence row split into
/// continuing and new persons, one BPA role, or one project. Ids are stable for one submitted snapshot.
/// </summary>
public sealed record CaseLine(
    string Id,
    DecisionPart Part,
    string Label,
    long AmountApplied,
    string? EducationType = null,
    BpaRole? BpaRole = null,
    string? Theme = null,
    bool Continuation = false);
