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
        }).AddDocumentTransformer(OpenApiConventions.ApplyAsync).AddSchemaTransformer(OpenApiConventions.TypesForGeneratorsAsync));
        return services;
    }

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("KTU API")).AllowAnonymous();
    }
}
