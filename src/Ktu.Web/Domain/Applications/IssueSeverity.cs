namespace Ktu.Web.Domain.Applications;

public enum IssueSeverity
{
    Error = 1,
    Warning = 2,
    Info = 3,
}
