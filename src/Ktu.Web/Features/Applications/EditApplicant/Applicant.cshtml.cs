using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Applications;

/// <summary>Part 1: who applies, where the money goes and whom to contact.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ApplicantModel(PartEditors editors) : PageModel
{
    public PartEditor Part { get; } = editors.For(new PartShape(
        ApplicationStep.Applicant,
        field => field.Length > 0 && ApplicationSteps.Of(field) == ApplicationStep.Applicant,
        ["AccountNumber", "PaymentRemark", "Contact.Name", "Contact.Email", "Contact.Phone", "CompetencePlanAdopted", "Description"]));

    [FromRoute] public Guid Id { get; set; }

    /// <summary>The version the form was read at (<see cref="PartEditor.Version"/>).</summary>
    [BindProperty] public int Version { get => Part.Version; set => Part.Version = value; }

    public sealed class ContactForm
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
    }

    [BindProperty] public string? AccountNumber { get; set; }
    [BindProperty] public string? PaymentRemark { get; set; }
    [BindProperty] public ContactForm Contact { get; set; } = new();
    /// <summary>"ja", "nei" or empty.</summary>
    [BindProperty] public string? CompetencePlanAdopted { get; set; }
    [BindProperty] public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Part.LoadAsync(Id, ct))
        {
            return NotFound();
        }
        var c = Part.View.Content;
        AccountNumber = c.AccountNumber;
        PaymentRemark = c.PaymentRemark;
        Contact = new() { Name = c.Contact?.Name, Email = c.Contact?.Email, Phone = c.Contact?.Phone };
        CompetencePlanAdopted = c.CompetencePlanAdopted switch { true => "ja", false => "nei", null => null };
        Description = c.Description;
        Part.ShowMessages(ModelState, showIssues: PartEditor.CheckRequested(Request));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        this.Answer(await Part.PostAsync(Id, null, Apply, Request.Form["next"] == "true", ModelState, ct), Id);

    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct) => await Part.AutosaveAsync(Id, Apply, ct);

    private ApplicationContent Apply(ApplicationContent stored) => stored with
    {
        // The account number is stored as typed (spaces and dots included); the MOD11 rule reads the digits.
        AccountNumber = FormFields.Trimmed(AccountNumber),
        PaymentRemark = FormFields.Trimmed(PaymentRemark),
        Contact = new ContactPerson { Name = FormFields.Trimmed(Contact.Name), Email = FormFields.Trimmed(Contact.Email), Phone = FormFields.Trimmed(Contact.Phone) },
        CompetencePlanAdopted = CompetencePlanAdopted switch { "ja" => true, "nei" => false, _ => null },
        Description = FormFields.Trimmed(Description),
    };
}
