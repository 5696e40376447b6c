namespace Ktu.Web.Documents;

public static class DocumentsSetup
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        // Stateless; the fonts are read once per process from the assembly's resources.
        services.AddSingleton<IApplicationPdf, ApplicationPdf>();
        return services;
    }
}
