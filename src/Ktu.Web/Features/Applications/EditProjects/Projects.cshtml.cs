using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Applications;

/// <summary>Part 4: service-development projects, at most the scheme's maximum, each with its own rank, themes, texts and budget.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ProjectsModel(PartEditors editors) : PageModel
{
    public PartEditor Part { get; } = editors.For(new PartShape(
        ApplicationStep.Projects,
        field => ApplicationSteps.Of(field) == ApplicationStep.Projects,
        [".Priority", ".Title", ".Themes", ".Purpose", ".Description", ".NeedsAndChallenges", ".GoalsAndTargetGroups", ".OrganisationAndPartners", ".ExpectedGains", ".Anchoring", ".UserParticipation", ".Budget.Item", ".Budget.Amount", ".Budget", ".OwnFinancing", ".AmountApplied", ".ControlMeasures", ".SignedBy.Name", ".SignedBy.Role"])
    {
        HasContent = content => content.Projects.Count > 0,
    });

    [FromRoute] public Guid Id { get; set; }

    /// <summary>The version the form was read at (<see cref="PartEditor.Version"/>).</summary>
    [BindProperty] public int Version { get => Part.Version; set => Part.Version = value; }

    public sealed class BudgetForm
    {
        public string? Item { get; set; }
        public string? Amount { get; set; }
    }

    public sealed class CriteriaForm
    {
        public string? NeedsAndChallenges { get; set; }
        public string? GoalsAndTargetGroups { get; set; }
        public string? OrganisationAndPartners { get; set; }
        public string? ExpectedGains { get; set; }
        public string? Anchoring { get; set; }
        public string? UserParticipation { get; set; }
    }

    public sealed class SignatoryForm
    {
        public string? Name { get; set; }
        public string? Role { get; set; }
    }

    public sealed class ProjectForm
    {
        public string? Priority { get; set; }
        public string? Title { get; set; }
        public List<string> Themes { get; set; } = [];
        public string? Purpose { get; set; }
        public string? Description { get; set; }
        public CriteriaForm Criteria { get; set; } = new();
        public List<BudgetForm> Budget { get; set; } = [];
        public string? OwnFinancing { get; set; }
        public string? AmountApplied { get; set; }
        public string? ControlMeasures { get; set; }
        public SignatoryForm SignedBy { get; set; } = new();
    }

    [BindProperty] public List<ProjectForm> Projects { get; set; } = [];

    public int MaxProjects => Part.View.Rules.Scheme.MaxProjects;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Part.LoadAsync(Id, ct))
        {
            return NotFound();
        }
        Projects = Part.View.Content.Projects.Select(p => new ProjectForm
        {
            Priority = NumberInput.Text(p.Priority),
            Title = p.Title,
            Themes = p.Themes.ToList(),
            Purpose = p.Purpose,
            Description = p.Description,
            Criteria = new()
            {
                NeedsAndChallenges = p.Criteria?.NeedsAndChallenges,
                GoalsAndTargetGroups = p.Criteria?.GoalsAndTargetGroups,
                OrganisationAndPartners = p.Criteria?.OrganisationAndPartners,
                ExpectedGains = p.Criteria?.ExpectedGains,
                Anchoring = p.Criteria?.Anchoring,
                UserParticipation = p.Criteria?.UserParticipation,
            },
            Budget = p.Budget.Select(b => new BudgetForm { Item = b.Item, Amount = NumberInput.Text(b.Amount) }).ToList(),
            OwnFinancing = NumberInput.Text(p.OwnFinancing),
            AmountApplied = NumberInput.Text(p.AmountApplied),
            ControlMeasures = p.ControlMeasures,
            SignedBy = new() { Name = p.SignedBy?.Name, Role = p.SignedBy?.Role },
        }).ToList();
        Part.ShowMessages(ModelState, showIssues: PartEditor.CheckRequested(Request));
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);

    public Task<IActionResult> OnPostAddProjectAsync(CancellationToken ct) => SaveAsync(list =>
    {
        if (list.Count < MaxProjects)
        {
            list.Add(new ProjectForm
            {
                Priority = (list.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Budget = [new BudgetForm()],
            });
        }
    }, ct);

    public Task<IActionResult> OnPostDeleteProjectAsync(int project, CancellationToken ct) => SaveAsync(list =>
    {
        if (project >= 0 && project < list.Count)
        {
            list.RemoveAt(project);
        }
    }, ct);

    public Task<IActionResult> OnPostAddBudgetLineAsync(int project, CancellationToken ct) => SaveAsync(list =>
    {
        if (project >= 0 && project < list.Count)
        {
            list[project].Budget.Add(new BudgetForm());
        }
    }, ct);

    public Task<IActionResult> OnPostDeleteBudgetLineAsync(int project, int line, CancellationToken ct) => SaveAsync(list =>
    {
        if (project >= 0 && project < list.Count && line >= 0 && line < list[project].Budget.Count)
        {
            list[project].Budget.RemoveAt(line);
        }
    }, ct);


    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct) => await Part.AutosaveAsync(Id, Apply, ct);

    private async Task<IActionResult> SaveAsync(Action<List<ProjectForm>>? change, CancellationToken ct) =>
        this.Answer(await Part.PostAsync(Id, change is null ? null : () => change(Projects), Apply, Request.Form["next"] == "true", ModelState, ct), Id);

    private ApplicationContent Apply(ApplicationContent stored)
    {
        var projects = new List<ServiceDevelopmentProject>();
        for (var i = 0; i < Projects.Count; i++)
        {
            var p = Projects[i];
            var at = $"Projects[{i}]";
            var budget = new List<BudgetLine>();
            for (var b = 0; b < p.Budget.Count; b++)
            {
                budget.Add(new BudgetLine
                {
                    Item = FormFields.Trimmed(p.Budget[b].Item),
                    Amount = Part.Number($"{at}.Budget[{b}].Amount", p.Budget[b].Amount, NumberKind.Amount),
                });
            }
            while (budget.Count > 0 && budget[^1] == new BudgetLine())
            {
                budget.RemoveAt(budget.Count - 1);
            }
            projects.Add(new ServiceDevelopmentProject
            {
                Priority = NumberInput.Persons(Part.Number($"{at}.Priority", p.Priority, NumberKind.Priority)),
                Title = FormFields.Trimmed(p.Title),
                Themes = p.Themes.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList(),
                Purpose = FormFields.Trimmed(p.Purpose),
                Description = FormFields.Trimmed(p.Description),
                Criteria = new ProjectCriteria
                {
                    NeedsAndChallenges = FormFields.Trimmed(p.Criteria.NeedsAndChallenges),
                    GoalsAndTargetGroups = FormFields.Trimmed(p.Criteria.GoalsAndTargetGroups),
                    OrganisationAndPartners = FormFields.Trimmed(p.Criteria.OrganisationAndPartners),
                    ExpectedGains = FormFields.Trimmed(p.Criteria.ExpectedGains),
                    Anchoring = FormFields.Trimmed(p.Criteria.Anchoring),
                    UserParticipation = FormFields.Trimmed(p.Criteria.UserParticipation),
                },
                Budget = budget,
                OwnFinancing = Part.Number($"{at}.OwnFinancing", p.OwnFinancing, NumberKind.Amount),
                AmountApplied = Part.Number($"{at}.AmountApplied", p.AmountApplied, NumberKind.Amount),
                ControlMeasures = FormFields.Trimmed(p.ControlMeasures),
                SignedBy = new Signatory { Name = FormFields.Trimmed(p.SignedBy.Name), Role = FormFields.Trimmed(p.SignedBy.Role) },
            });
        }
        return stored with { Projects = projects };
    }
}
