using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ktu.Web.Web;

/// <summary>
/// Logs, metrics and traces for running the app. Outside development the console gets one JSON object per
/// log line (with the scopes, so each line carries the request's correlation id), which a log collector
/// reads without parsing text. Metrics and traces of ASP.NET Core, EF Core and HttpClient go to an
/// OpenTelemetry collector over OTLP, and only when one is configured.
/// </summary>
public static class Observability
{
    /// <summary>The standard variable every OpenTelemetry SDK reads; <c>Telemetry:OtlpEndpoint</c> is the same in appsettings.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        var endpoint = builder.Configuration[OtlpEndpointVariable] is { Length: > 0 } variable ? variable : builder.Configuration["Telemetry:OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return builder; // no collector: no exporter, no background sending, nothing to pay for
        }
        var collector = new Uri(endpoint);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["Telemetry:ServiceName"] ?? "ktu"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = collector))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore")
                .AddOtlpExporter(o => o.Endpoint = collector));
        return builder;
    }
}
