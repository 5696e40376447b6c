namespace Ktu.Web.Domain.Applications;

public enum ApplicationStatus
{
    Draft = 1,
    Submitted = 2,
    Withdrawn = 3,
}
