using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Decisions;

/// <summary>The part of an application a decided line belongs to.</summary>
public enum DecisionPart
{
    Competence = 1,
    Bpa = 2,
    Project = 3,
}
