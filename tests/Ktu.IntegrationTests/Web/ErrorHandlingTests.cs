using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Web;

/// <summary>The app with two extra routes that throw, one under /api and one page path.</summary>
public sealed class AppWithFailingRoutes : IAsyncLifetime
{
    public const string Secret = "hemmelig-detalj-fra-unntaket";

    public KtuFactory Factory { get; } = new()
    {
        TestServices = services => services.AddSingleton<IStartupFilter, FailingRoutes>(),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();

    /// <summary>
    /// Added after the app's own pipeline, so the routes run inside its exception handler,
    /// after authentication, like any endpoint of the app.
    /// </summary>
    private sealed class FailingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Not app.Map: that moves the path into PathBase, and the app tells API from pages by the path.
            app.Use(next => context => context.Request.Path == "/api/v1/test/feil" || context.Request.Path == "/test/feil"
                ? throw new InvalidOperationException(Secret)
                : next(context));
        };
    }
}

public sealed class ErrorHandlingTests(AppWithFailingRoutes app) : IClassFixture<AppWithFailingRoutes>
{
    [Fact]
    public async Task An_unhandled_exception_in_the_API_gives_500_problem_details_without_a_stack_trace()
    {
        var api = await app.Factory.CreateApiClientAsync("soker.5001@demo.ktu");
        using var response = await api.GetAsync(new Uri("/api/v1/test/feil", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(AppWithFailingRoutes.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("Det oppstod en feil hos oss.", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        Assert.False(problem.TryGetProperty("exception", out _));
        Assert.False(problem.TryGetProperty("detail", out var detail) && detail.GetString()?.Contains(AppWithFailingRoutes.Secret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_unhandled_exception_on_a_page_shows_the_error_page_with_a_code_and_no_details()
    {
        var client = await app.Factory.CreateSignedInBrowserClientAsync("soker.5001@demo.ktu");
        using var response = await client.GetAsync(new Uri("/test/feil", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.ReadTextAsync();
        Assert.Contains("<html lang=\"nb\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(AppWithFailingRoutes.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task An_unknown_API_path_gives_404_without_a_page()
    {
        var api = await app.Factory.CreateApiClientAsync("soker.5001@demo.ktu");
        using var response = await api.GetAsync(new Uri("/api/v1/finnes-ikke", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
