using Ktu.Web.Data;
using Ktu.Web.Features.Account;
using Ktu.Web.Features.Allocation;
using Ktu.Web.Features.Applications;
using Ktu.Web.Features.Schemes;
using Ktu.Web.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddData(builder.Configuration);
builder.Services.AddAuth(builder.Configuration, builder.Environment);
builder.Services.AddWeb(builder.Configuration);
builder.Services.AddApiDocs();

var app = builder.Build();

await app.InitialiseDatabaseAsync();

app.UseWebPipeline();
app.MapHealth();
app.MapApiDocs();
app.MapAccountApi();
app.MapSchemesApi();
app.MapApplicationsApi();
app.MapAllocationApi();
app.MapRazorPages();

app.Run();

/// <summary>Entry point, public so the test projects can host the app.</summary>
public partial class Program;
