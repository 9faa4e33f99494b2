using FhirTrials.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace FhirTrials.Api.Http;

/// <summary>
/// The ASP.NET Core middleware both hosts put in front of the engine, as <see cref="ApiSettings"/> say: response
/// compression and CORS, then reading bearer tokens (<see cref="AuthPipeline"/>). One place, so the Server host and the Functions app answer a browser the same way.
/// </summary>
public static class HttpPipeline
{
    public static IServiceCollection AddFhirTrialsHttp(this IServiceCollection services, ApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ResponseCompression)
        {
            services.AddResponseCompression(options =>
            {
                options.EnableForHttps = true;
                options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/fhir+json", "application/fhir+xml"]);
            });
        }

        if (settings.CorsOrigins.Count > 0)
        {
            services.AddCors(options => options.AddDefaultPolicy(policy =>
            {
                var origins = settings.CorsOrigins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins([.. settings.CorsOrigins]);
                origins.AllowAnyHeader().WithMethods("GET", "HEAD", "POST", "OPTIONS").WithExposedHeaders("ETag", "Last-Modified", "Location");
            }));
        }

        return services;
    }

    public static IApplicationBuilder UseFhirTrialsHttp(this IApplicationBuilder app, ApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ResponseCompression)
        {
            app.UseResponseCompression();
        }

        if (settings.CorsOrigins.Count > 0)
        {
            app.UseCors();
        }

        // After CORS, so a browser's preflight is answered without a token.
        app.UseFhirTrialsAuth();
        return app;
    }
}
