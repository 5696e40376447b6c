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
            return Task.CompletedTask;
        }));
        return services;
    }

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("KTU API")).AllowAnonymous();
    }
}
