namespace FhirTrials.Storage.Tests;

public sealed class ServiceSettingsTests
{
    [Fact]
    public void With_no_settings_the_service_uses_local_development_storage_and_the_documented_names()
    {
        var settings = ServiceSettings.From(_ => null);

        Assert.Equal("UseDevelopmentStorage=true", settings.StorageConnection);
        Assert.Equal("incoming", settings.IncomingContainer);
        Assert.Equal("incoming-poison", settings.PoisonContainer);
        Assert.Equal(64 * 1024 * 1024, settings.MaxBlobBytes);
        Assert.False(settings.UsesIdentity);
    }

    [Theory]
    [InlineData("TrialStorage:blobServiceUri", "TrialStorage:tableServiceUri")]
    [InlineData("TrialStorage__blobServiceUri", "TrialStorage__tableServiceUri")]
    public void Service_uris_in_either_spelling_switch_storage_to_a_managed_identity(string blobName, string tableName)
    {
        var values = new Dictionary<string, string>
        {
            [blobName] = "https://st.blob.core.windows.net/",
            [tableName] = "https://st.table.core.windows.net/",
        };

        var settings = ServiceSettings.From(values.GetValueOrDefault);

        Assert.True(settings.UsesIdentity);
        Assert.Equal(new Uri("https://st.table.core.windows.net/"), settings.TableServiceUri);
    }

    [Fact]
    public void The_work_queue_settings_default_to_the_documented_values_and_ignore_values_that_are_not_positive_numbers()
    {
        var defaults = ServiceSettings.From(_ => null);
        var values = new Dictionary<string, string>
        {
            [ServiceSettings.WorkQueueName] = "registry-items",
            [ServiceSettings.WorkItemStudiesName] = "250",
            [ServiceSettings.WorkItemMaxAttemptsName] = "-1",
            ["TrialStorage__queueServiceUri"] = "https://st.queue.core.windows.net/",
        };

        var set = ServiceSettings.From(values.GetValueOrDefault);

        Assert.Equal(("ingest-items", 100, 5), (defaults.WorkQueue, defaults.WorkItemStudies, defaults.WorkItemMaxAttempts));
        Assert.Equal(("registry-items", 250, 5), (set.WorkQueue, set.WorkItemStudies, set.WorkItemMaxAttempts));
        Assert.Equal(new Uri("https://st.queue.core.windows.net/"), set.QueueServiceUri);
        Assert.Equal(250, FhirTrials.Storage.WorkQueue.WorkQueueOptions.From(set).StudiesPerItem);
    }

    [Fact]
    public void The_public_base_url_always_ends_with_a_slash_so_relative_links_resolve_under_it()
    {
        var settings = ServiceSettings.From(name => name == ServiceSettings.PublicBaseUrlName ? "https://fhir.example.org/api/fhir" : null);

        Assert.Equal("https://fhir.example.org/api/fhir/ResearchStudy/x", new Uri(settings.PublicBaseUrl!, "ResearchStudy/x").ToString());
    }
}
