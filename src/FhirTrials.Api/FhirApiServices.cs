using FhirTrials.Api.Data;
using FhirTrials.Core.Search;
using FhirTrials.Storage;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using Microsoft.Extensions.DependencyInjection;

namespace FhirTrials.Api;

/// <summary>The engine's services over table storage, registered the same way by both hosts.</summary>
public static class FhirApiServices
{
    public static IServiceCollection AddFhirTrialsApi(this IServiceCollection services, ServiceSettings settings, ApiSettings apiSettings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(apiSettings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => TrialStorage.Connect(settings.StorageConnection, settings.TablePrefix));
        services.AddSingleton(sp => new TableResourceStore(sp.GetRequiredService<TrialStorage>(), SearchIndexer.Extract));
        services.AddSingleton(sp => new TableIndexStore(sp.GetRequiredService<TrialStorage>()));
        services.AddSingleton<IFhirStore, TableFhirStore>();
        services.AddSingleton<ContinuationKeyStore>();
        services.AddSingleton<FhirApiHandler>();
        return services;
    }
}
