namespace Ktu.Web.Features.Allocation;

/// <summary>The three parts of an application a line can come from.</summary>
internal enum LineKind
{
    Competence = 1,
    Bpa = 2,
    Project = 3,
}
