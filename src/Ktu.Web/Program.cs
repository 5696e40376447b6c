using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Features.Account;
using Ktu.Web.Features.Administration;
using Ktu.Web.Features.Allocation;
using Ktu.Web.Features.Applications;
using Ktu.Web.Features.Assessment;
using Ktu.Web.Features.Audit;
using Ktu.Web.Features.Backup;
using Ktu.Web.Features.GrantLetters;
using Ktu.Web.Features.Organisations;
using Ktu.Web.Features.Outbox;
using Ktu.Web.Features.Payments;
using Ktu.Web.Features.Reporting;
using Ktu.Web.Features.Schemes;
using Ktu.Web.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddObservability();

builder.Services.AddData(builder.Configuration);
builder.Services.AddAuth(builder.Configuration, builder.Environment);
builder.Services.AddWeb(builder.Configuration);
builder.Services.AddApiDocs();
builder.Services.AddDocuments();
builder.Services.AddOutbox(builder.Configuration);
builder.Services.AddBackup();

// Data seeds run in this order after the migrations: reference data, scheme years, demo users, demo applications.
builder.Services.AddOrganisations();
builder.Services.AddSchemes();
builder.Services.AddAccount();
builder.Services.AddApplications();
builder.Services.AddReporting();

var app = builder.Build();

// "dotnet Ktu.Web.dll migrate" (./run.sh migrate): apply migrations and seeds, then exit. Production never migrates at start.
if (args.Contains(DatabaseInitialiser.MigrateCommand, StringComparer.Ordinal))
{
    await app.MigrateAsync();
    return;
}
await app.InitialiseDatabaseAsync();

// `create-admin EMAIL` makes the first administrator and exits without starting the web server.
if (await app.RunCommandLineAsync(args))
{
    return;
}

app.UseWebPipeline();
app.MapHealth();
app.MapApiDocs();
app.MapAccount();
app.MapSchemes();
app.MapApplications();
app.MapAssessment();
app.MapAllocation();
app.MapGrantLetters();
app.MapPayments();
app.MapReporting();
app.MapAudit();
app.MapBackup();
app.MapAdministration();
app.MapRazorPages();

app.Run();

/// <summary>Entry point, public so the test projects can host the app.</summary>
public partial class Program;
