namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>
/// Most tests share one app and one database (each start-up migrates and seeds, which takes a while).
/// Tests in the collection run one after another, so one that changes data must use data of its own
/// (its own demo user, its own scheme year) and not count rows others change.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<KtuFactory>
{
    public const string Name = "App";
}
