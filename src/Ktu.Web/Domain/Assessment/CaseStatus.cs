using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Assessment;

/// <summary>Where an application is in the case officer's work.</summary>
public enum CaseStatus
{
    /// <summary>Submitted, nobody has started on it.</summary>
    Received = 1,
    UnderAssessment = 2,
    /// <summary>The officer has asked the applicant for more information and waits for the answer.</summary>
    AwaitingApplicant = 3,
    /// <summary>Every line has a score; the application can take part in the allocation.</summary>
    Assessed = 4,
}
