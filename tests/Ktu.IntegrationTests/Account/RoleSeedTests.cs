using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Account;

/// <summary>The roles are the product's, not the demo's: a database that never had demo data has every role, so people can be invited.</summary>
public sealed class RoleSeedTests : IAsyncLifetime, IDisposable
{
    private readonly KtuFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Demo:Enabled"] = "false";
        return ((IAsyncLifetime)_factory).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Without_demo_data_every_role_exists_and_no_user_does()
    {
        _ = _factory.CreateClient();
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var roles = await db.Roles.Select(r => r.Name!).ToListAsync();
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), roles.Order(StringComparer.Ordinal));
        Assert.Empty(await db.Users.ToListAsync());
    }
}
