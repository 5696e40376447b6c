using Ktu.Web.Data;

namespace Ktu.Web.Features.Organisations;

/// <summary>What Program.cs needs of this feature: the reference data seed (municipalities, counties, embeter).</summary>
internal static class OrganisationsFeature
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddSingleton<IDataSeed, ReferenceData>();
}
