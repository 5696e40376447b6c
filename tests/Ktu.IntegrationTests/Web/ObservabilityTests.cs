using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ktu.IntegrationTests.Applications;
using Ktu.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ktu.IntegrationTests.Web;

/// <summary>
/// The app with a route that throws, a low log-in limit (for 429) and the log lines it writes, each formatted by the
/// app's own JSON console formatter as production writes them to the console.
/// </summary>
public sealed class ObservedApp : IAsyncLifetime
{
    public const int LoginsPerMinute = 3;

    public JsonLogLines Logs { get; } = new();

    public KtuFactory Factory { get; }

    public ObservedApp()
    {
        Factory = new KtuFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<IStartupFilter, FailingRoute>();
                services.AddSingleton<ILoggerProvider>(sp =>
                {
                    Logs.Formatter = sp.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
                    return Logs;
                });
            },
        };
        Factory.Settings["Security:LoginAttemptsPerMinute"] = LoginsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Signed in before any test, so a test that spends the log-in limit (for 429) leaves the others able to work.</summary>
    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await Factory.CreateApiClientAsync("soker.5001@demo.ktu");

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();

    private sealed class FailingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(next => context => context.Request.Path == "/api/v1/test/feil" ? throw new InvalidOperationException("feil i testen") : next(context));
        };
    }
}

/// <summary>A logger provider that keeps each line as the JSON console formatter writes it.</summary>
public sealed class JsonLogLines : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConsoleFormatter Formatter { get; set; } = null!;

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(JsonLogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var line = new StringWriter();
            owner.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, line);
            owner.Lines.Enqueue(line.ToString());
        }
    }
}

public sealed class ObservabilityTests(ObservedApp app) : IClassFixture<ObservedApp>
{
    private const string Header = "X-Correlation-Id";

    [Fact]
    public async Task Every_kind_of_problem_answer_carries_the_correlation_id_of_its_response_header()
    {
        var api = app.Api;
        var draft = await ApplicationApi.StartAsync(api);

        var answers = new List<(int Expected, HttpResponseMessage Response)>
        {
            (400, await api.PostAsync("/api/v1/applications", new StringContent("{\"schemeYear\":", Encoding.UTF8, "application/json"))),
            (400, await app.Factory.CreateBrowserClient().PostAsJsonAsync("/api/v1/auth/login", new { email = "", password = "" })),
            (403, await api.GetAsync("/api/v1/audit/verify")),
            (404, await api.GetAsync($"/api/v1/applications/{Guid.NewGuid()}")),
            (404, await api.GetAsync("/api/v1/finnes-ikke")),
            (409, await ApplicationApi.SubmitAsync(api, ApplicationApi.Id(draft))),
            (500, await api.GetAsync("/api/v1/test/feil")),
            (429, await TooManyLogInsAsync()),
        };

        foreach (var (expected, response) in answers)
        {
            using (response)
            {
                Assert.Equal(expected, (int)response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var header = Assert.Single(response.Headers.GetValues(Header));
                Assert.Matches("^[0-9a-f]{32}$", header); // the W3C trace id when the caller sends none
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(header, problem.GetProperty("correlationId").GetString());
            }
        }
        Assert.Equal(answers.Count, answers.Select(a => a.Response.Headers.GetValues(Header).Single()).Distinct().Count());
    }

    private async Task<HttpResponseMessage> TooManyLogInsAsync()
    {
        var client = app.Factory.CreateBrowserClient();
        for (var attempt = 0; attempt <= ObservedApp.LoginsPerMinute; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "finnes.ikke@demo.ktu", password = "Feil-passord-1" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }
            response.Dispose();
        }
        throw new InvalidOperationException($"No 429 after {ObservedApp.LoginsPerMinute + 1} log-ins.");
    }

    [Fact]
    public async Task A_correlation_id_from_the_caller_is_echoed_in_the_header_the_problem_and_the_json_log_line()
    {
        var api = app.Api;
        const string id = "kall-fra-fagsystem-42";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/test/feil");
        request.Headers.Add(Header, id);

        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(id, Assert.Single(response.Headers.GetValues(Header)));
        Assert.Equal(id, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correlationId").GetString());

        // The error the handler logs for it is one JSON object whose scopes carry the same id.
        var lines = app.Logs.Lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("Category").GetString() == "Ktu.Web.Web.ProblemDetailsExceptionHandler").ToList();
        var line = Assert.Single(lines, l => l.GetProperty("Scopes").EnumerateArray()
            .Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("CorrelationId", out var c) && c.GetString() == id));
        Assert.Equal("Error", line.GetProperty("LogLevel").GetString());
    }

    [Theory]
    [InlineData("med mellomrom")]
    [InlineData("linje\\nskift")]
    [InlineData("alt-for-langt-0123456789012345678901234567890123456789012345678901234567890")]
    public async Task A_correlation_id_that_could_forge_logs_or_headers_is_replaced_by_a_new_one(string sent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/finnes-ikke");
        request.Headers.TryAddWithoutValidation(Header, sent);

        using var response = await app.Factory.CreateBrowserClient().SendAsync(request);

        var echoed = Assert.Single(response.Headers.GetValues(Header));
        Assert.NotEqual(sent, echoed);
        Assert.Matches("^[0-9a-f]{32}$", echoed);
    }

    [Fact]
    public void Outside_development_the_console_writes_json_with_scopes()
    {
        var options = app.Factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, options.FormatterName);
        Assert.True(app.Factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
    }

    [Fact]
    public void Without_an_otlp_endpoint_no_telemetry_is_set_up()
    {
        Assert.Null(app.Factory.Services.GetService<TracerProvider>());
        Assert.Null(app.Factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_and_metrics_are_set_up()
    {
        // Nothing listens there: the exporter's failed sends are its own business and never reach a request.
        var factory = new KtuFactory();
        factory.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317";
        try
        {
            using var response = await factory.CreateBrowserClient().GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(factory.Services.GetService<TracerProvider>());
            Assert.NotNull(factory.Services.GetService<MeterProvider>());
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}
