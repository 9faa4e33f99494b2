using FhirTrials.Storage;
using FhirTrials.Storage.Changes;
using FhirTrials.Storage.Export;
using FhirTrials.Storage.WorkQueue;
using Microsoft.Extensions.DependencyInjection;

namespace FhirTrials.Api.Export;

/// <summary>Bulk export and change history, registered the same way by both hosts (each registers its work queue).</summary>
public static class ExportServices
{
    public static IServiceCollection AddFhirTrialsExport(this IServiceCollection services, ExportOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new ExportJobs(sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ExportRunner(
            sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<ExportJobs>(), sp.GetRequiredService<WorkQueueClient>(), options));
        services.AddSingleton(sp => new ChangeReader(sp.GetRequiredService<TrialStorage>()));
        services.AddSingleton(sp => new ChangeHistory(sp.GetRequiredService<ChangeReader>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ExportEndpoints>();
        return services;
    }
}
