using FhirTrials.Api;
using FhirTrials.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace FhirTrials.Functions;

/// <summary>
/// Puts the shared HTTP middleware (compression, CORS, bearer tokens) in front of the worker's own ASP.NET Core pipeline, which the
/// Functions extension builds itself: a startup filter is the hook its web host applies.
/// </summary>
internal sealed class HttpPipelineStartupFilter(ApiSettings settings) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseFhirTrialsHttp(settings);
        next(app);
    };
}
