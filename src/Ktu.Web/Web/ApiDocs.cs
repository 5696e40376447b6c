using System.Text;
using Scalar.AspNetCore;

namespace Ktu.Web.Web;

public static class ApiDocs
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "KTU API";
            doc.Info.Version = "v1";
            doc.Info.Description = "API for Kompetanse- og tjenesteutviklingstilskudd. Logg inn med POST /api/v1/auth/login og send tokenet som \"Authorization: Bearer ...\".";
            // By name, not by the order in which features happen to map their endpoints, so moving code never changes the document.
            if (doc.Tags is { Count: > 0 } tags)
            {
                var sorted = tags.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
                tags.Clear();
                foreach (var tag in sorted)
                {
                    tags.Add(tag);
                }
            }
            return Task.CompletedTask;
        }).AddDocumentTransformer(OpenApiConventions.ApplyAsync).AddSchemaTransformer(OpenApiSchemaConventions.TypesForGeneratorsAsync));
        return services;
    }

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Scalar's page is the app's own: its bundled script, no fonts or telemetry from other hosts (the CSP
        // blocks them), a theme whose text passes WCAG contrast, and a language on <html> as every page has.
        app.UseWhen(IsReferencePage, branch => branch.Use(SetLanguageAsync));
        app.MapScalarApiReference("/scalar", o => o
                .WithTitle("KTU API")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .WithTheme(ScalarTheme.None)
                .ForceLightMode()
                .WithCustomCss(ContrastCss))
            .AllowAnonymous();
    }

    /// <summary>Scalar's default light colours are too pale for WCAG AA (4.5:1) on its light backgrounds.</summary>
    private const string ContrastCss =
        ".light-mode { --scalar-color-2: #4a4a4a !important; --scalar-color-3: #595959 !important; " +
        "--scalar-color-green: #00703c !important; --scalar-color-orange: #a33a00 !important; --scalar-color-red: #b00020 !important; " +
        "--scalar-color-blue: #0050a8 !important; --scalar-color-yellow: #6b5200 !important; --scalar-color-purple: #6a1b9a !important; " +
        "--scalar-color-accent: #0050a8 !important; }";

    private static bool IsReferencePage(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && (context.Request.Path == "/scalar" || context.Request.Path == "/scalar/");

    /// <summary>Scalar writes <c>&lt;html&gt;</c> without <c>lang</c>; the page's own texts (title, description) are Norwegian.</summary>
    private static async Task SetLanguageAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(bytes);
            bytes = Encoding.UTF8.GetBytes(html.Replace("<html>", "<html lang=\"nb\">", StringComparison.Ordinal));
            context.Response.ContentLength = bytes.Length;
        }
        await original.WriteAsync(bytes, context.RequestAborted);
    }
}
