using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Features.Applications;

public sealed record ApplicationOrganisation(string OrgNumber, string Name);

public sealed record ReceivingEmbete(string Id, string Name);

/// <summary>The application as the API shows it: the content as typed, plus what the server knows and computes.</summary>
public sealed record ApplicationDocument(
    Guid Id,
    int SchemeYear,
    ApplicationOrganisation Organisation,
    ReceivingEmbete ReceivingEmbete,
    ApplicationStatus Status,
    int Version,
    string? Reference,
    DateTimeOffset Deadline,
    bool Open,
    IReadOnlyList<string> OfferedParts,
    IReadOnlyList<string> OfferedEducationTypes,
    DateTimeOffset UpdatedAt,
    string? UpdatedBy,
    string? AccountNumber,
    string? PaymentRemark,
    ContactPerson? Contact,
    bool? CompetencePlanAdopted,
    string? Description,
    IReadOnlyList<CompetenceMeasure> CompetenceMeasures,
    IReadOnlyList<BpaTraining> BpaTrainings,
    IReadOnlyList<ServiceDevelopmentProject> Projects,
    ApplicationSummary Summary,
    IReadOnlyList<ValidationIssue> Issues)
{
    internal static ApplicationDocument From(ApplicationView v) => new(
        v.Application.Id,
        v.Application.SchemeYear,
        new(v.Organisation.OrgNumber, v.Organisation.Name),
        new(v.Embete.Id, v.Embete.NameBokmal),
        v.Application.Status,
        v.Application.Version,
        v.Application.Reference,
        v.Rules.Deadline,
        v.Rules.IsBeforeDeadline,
        ApplicationPartNames.Codes(v.Rules.OfferedParts),
        v.Rules.Scheme.EducationTypesFor(v.Rules.ApplicantKind).Select(e => e.Code).ToList(),
        v.Application.UpdatedAt,
        v.Application.UpdatedByName,
        v.Content.AccountNumber,
        v.Content.PaymentRemark,
        v.Content.Contact,
        v.Content.CompetencePlanAdopted,
        v.Content.Description,
        v.Content.CompetenceMeasures,
        v.Content.BpaTrainings,
        v.Content.Projects,
        v.Summary,
        v.Issues);
}

/// <summary>The body of PUT: the whole document with the version it was read at. Computed and server-owned fields are ignored.</summary>
public sealed record ApplicationInput
{
    /// <summary>The version the document was read at; a stale version is refused with 409.</summary>
    public int? Version { get; init; }
    public string? AccountNumber { get; init; }
    public string? PaymentRemark { get; init; }
    public ContactPerson? Contact { get; init; }
    public bool? CompetencePlanAdopted { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<CompetenceMeasure?>? CompetenceMeasures { get; init; }
    public IReadOnlyList<BpaTraining?>? BpaTrainings { get; init; }
    public IReadOnlyList<ServiceDevelopmentProject?>? Projects { get; init; }

    /// <summary>The content as typed; JSON nulls for lists and rows become empty, nothing else is changed.</summary>
    internal ApplicationContent ToContent() => new()
    {
        AccountNumber = AccountNumber,
        PaymentRemark = PaymentRemark,
        Contact = Contact,
        CompetencePlanAdopted = CompetencePlanAdopted,
        Description = Description,
        CompetenceMeasures = (CompetenceMeasures ?? []).OfType<CompetenceMeasure>().ToList(),
        BpaTrainings = (BpaTrainings ?? []).OfType<BpaTraining>().ToList(),
        Projects = (Projects ?? []).OfType<ServiceDevelopmentProject>().Select(p => p with
        {
            Themes = (p.Themes ?? []).Select(t => t ?? "").ToList(),
            Budget = (p.Budget ?? []).OfType<BudgetLine>().ToList(),
        }).ToList(),
    };
}
