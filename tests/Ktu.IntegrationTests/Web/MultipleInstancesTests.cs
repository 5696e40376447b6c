using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Web;

/// <summary>Two app instances on one database, as behind a load balancer.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public KtuFactory First { get; } = new();

    public KtuFactory Second { get; private set; } = null!;

    /// <summary>Row counts after the first instance started and before the second did.</summary>
    public DatabaseCounts BeforeSecondStarted { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BeforeSecondStarted = await DatabaseCounts.ReadAsync(First.Services); // Services starts the first instance
        Second = KtuFactory.SharingDatabaseWith(First);
        _ = Second.Services;
    }

    public async Task DisposeAsync()
    {
        if (Second is not null)
        {
            await ((IAsyncLifetime)Second).DisposeAsync();
        }
        await ((IAsyncLifetime)First).DisposeAsync();
    }
}

public sealed class MultipleInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task Starting_a_second_instance_on_the_same_database_duplicates_nothing()
    {
        Assert.Equal(357 + 14, instances.BeforeSecondStarted.Organisations);
        Assert.Equal(instances.BeforeSecondStarted, await DatabaseCounts.ReadAsync(instances.Second.Services));
    }

    [Fact]
    public async Task A_cookie_from_one_instance_signs_the_user_in_on_the_other()
    {
        var first = await instances.First.CreateSignedInBrowserClientAsync("saksbehandler.trondelag@demo.ktu");
        using (var onFirst = await first.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, onFirst.StatusCode);
        }
        var cookies = await CookieHeaderAsync(first);

        var second = instances.Second.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        second.DefaultRequestHeaders.Add("Cookie", cookies);

        using var me = await second.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("saksbehandler.trondelag@demo.ktu", body.GetProperty("email").GetString());

        using var start = await second.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains("Statsforvalteren i Trøndelag", await start.ReadTextAsync(), StringComparison.Ordinal);

        await using var scope = instances.Second.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.NotEqual(0, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task A_bearer_token_from_one_instance_is_accepted_by_the_other()
    {
        var first = await instances.First.CreateApiClientAsync("leder.trondelag@demo.ktu");
        var second = instances.Second.CreateBrowserClient();
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;

        using var me = await second.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("leder.trondelag@demo.ktu", body.GetProperty("email").GetString());
        Assert.Equal("trondelag", body.GetProperty("embete").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_form_token_from_one_instance_is_accepted_by_the_other()
    {
        // The log-in page comes from the first instance, the post goes to the second.
        var first = instances.First.CreateBrowserClient();
        using var page = await first.GetAsync(new Uri("/logg-inn", UriKind.Relative));
        var token = Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var cookies = await CookieHeaderAsync(first);

        var second = instances.Second.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        second.DefaultRequestHeaders.Add("Cookie", cookies);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "direktorat@demo.ktu",
            ["Password"] = KtuFactory.DemoPassword,
            [Forms.TokenField] = token,
        });
        using var response = await second.PostAsync(new Uri("/logg-inn", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectPath());
    }

    /// <summary>The cookies a browser client holds, as a Cookie header for another client.</summary>
    private static async Task<string> CookieHeaderAsync(HttpClient client)
    {
        // The test client's cookie handler adds the header to outgoing requests; read it back from one.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        using var response = await client.SendAsync(request);
        return request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
    }
}
