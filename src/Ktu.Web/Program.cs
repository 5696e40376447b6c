using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Features.Account;
using Ktu.Web.Features.Allocation;
using Ktu.Web.Features.Allocation.Round;
using Ktu.Web.Features.Applications;
using Ktu.Web.Features.Applications.Decision;
using Ktu.Web.Features.Applications.DecisionLetter;
using Ktu.Web.Features.Applications.Pdf;
using Ktu.Web.Features.Assessment;
using Ktu.Web.Features.Audit;
using Ktu.Web.Features.Backup;
using Ktu.Web.Features.GrantLetters;
using Ktu.Web.Features.Schemes;
using Ktu.Web.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddData(builder.Configuration);
builder.Services.AddAuth(builder.Configuration, builder.Environment);
builder.Services.AddWeb(builder.Configuration);
builder.Services.AddApiDocs();
builder.Services.AddDocuments();

var app = builder.Build();

await app.InitialiseDatabaseAsync();

app.UseWebPipeline();
app.MapHealth();
app.MapApiDocs();
app.MapAccountApi();
app.MapSchemesApi();
app.MapApplicationsApi();
app.MapAllocationApi();
app.MapCaseApi();
app.MapRoundApi();
app.MapApplicantCaseApi();
app.MapAuditApi();
app.MapBackupApi();
app.MapApplicationPdf();
app.MapLettersApi();
app.MapDecisionLetterPdf();
app.MapRazorPages();

app.Run();

/// <summary>Entry point, public so the test projects can host the app.</summary>
public partial class Program;
