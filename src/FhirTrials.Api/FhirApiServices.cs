using FhirTrials.Api.Data;
using FhirTrials.Core.Search;
using FhirTrials.Storage;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using Microsoft.Extensions.DependencyInjection;

namespace FhirTrials.Api;

/// <summary>The engine's services over table storage, registered the same way by both hosts.</summary>
public static class FhirApiServices
{
    /// <param name="credential">Managed identity for storage when the settings name service URIs instead of a connection string.</param>
    public static IServiceCollection AddFhirTrialsApi(
        this IServiceCollection services, ServiceSettings settings, ApiSettings apiSettings, Azure.Core.TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(apiSettings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => TrialStorage.Connect(settings, credential));
        services.AddSingleton(sp => new TableResourceStore(sp.GetRequiredService<TrialStorage>(), SearchIndexer.Extract));
        services.AddSingleton(sp => new TableIndexStore(sp.GetRequiredService<TrialStorage>()));
        services.AddSingleton(sp => new IngestionLog(sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IFhirStore, TableFhirStore>();
        services.AddSingleton<ContinuationKeyStore>();
        services.AddSingleton<FhirApiHandler>();
        return services;
    }
}
