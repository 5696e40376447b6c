using Ktu.Web.Data;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Assessment;

/// <summary>The case officer's inbox: the embete's submitted applications for a year, searchable, filterable and sortable.</summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class InboxModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    internal InboxResult Result { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>The statuses the inbox counts and filters by, in the order of the work: status key and name.</summary>
    public static readonly IReadOnlyList<(string Key, string Name)> Statuses =
    [
        .. new[] { CaseStatus.Received, CaseStatus.UnderAssessment, CaseStatus.AwaitingApplicant, CaseStatus.Assessed }
            .Select(s => (s.ToString(), CaseStatusName.Of(s, withdrawn: false))),
        (ListCases.Withdrawn, CaseStatusName.Of(CaseStatus.Received, withdrawn: true)),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await db.SchemeYears.AsNoTracking().OrderByDescending(s => s.Year).Select(s => s.Year).ToListAsync(ct);
        var year = Year is { } y && Years.Contains(y) ? y : await ListCases.DefaultYearAsync(db, me, ct);
        Year = year;
        bool? district = District switch { "ja" => true, "nei" => false, _ => null };
        Result = await ListCases.LoadAsync(db, me, year, Status, Search?.Length > 100 ? Search[..100] : Search, district, Sort, Desc, ct);
    }

    /// <summary>The link for a column header: the same filters, sorted by this column, flipping direction when it already is.</summary>
    public string SortLink(string key) =>
        Url.Page(null, new { Year, Status, Search, District, Sort = key, Desc = Sort == key && !Desc })!;

    public string? AriaSort(string key) => (Sort ?? "reference") == key ? (Desc ? "descending" : "ascending") : null;
}
