using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Applications;

/// <summary>Part 1: who applies, where the money goes and whom to contact.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ApplicantModel(AppDbContext db, CurrentUser me, TimeProvider time) : PartPage(db, me, time)
{
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

    public override ApplicationStep Step => ApplicationStep.Applicant;

    protected override IReadOnlyList<string> FieldOrder { get; } = ["AccountNumber", "PaymentRemark", "Contact.Name", "Contact.Email", "Contact.Phone", "CompetencePlanAdopted", "Description"];

    protected override bool BelongsHere(string field) => field.Length > 0 && ApplicationSteps.Of(field) == ApplicationStep.Applicant;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var c = View.Content;
        AccountNumber = c.AccountNumber;
        PaymentRemark = c.PaymentRemark;
        Contact = new() { Name = c.Contact?.Name, Email = c.Contact?.Email, Phone = c.Contact?.Phone };
        CompetencePlanAdopted = c.CompetencePlanAdopted switch { true => "ja", false => "nei", null => null };
        Description = c.Description;
        ShowMessages(showIssues: CheckRequested);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAndContinueAsync(null, ct);


    protected override ApplicationContent Apply(ApplicationContent stored) => stored with
    {
        // The account number is stored as typed (spaces and dots included); the MOD11 rule reads the digits.
        AccountNumber = Trimmed(AccountNumber),
        PaymentRemark = Trimmed(PaymentRemark),
        Contact = new ContactPerson { Name = Trimmed(Contact.Name), Email = Trimmed(Contact.Email), Phone = Trimmed(Contact.Phone) },
        CompetencePlanAdopted = CompetencePlanAdopted switch { "ja" => true, "nei" => false, _ => null },
        Description = Trimmed(Description),
    };
}
