using System.Data.Common;
using System.Net;
using FhirTrials.Storage;

namespace FhirTrials.Api.Auth;

/// <summary>
/// Whether the storage is the local emulator: <c>UseDevelopmentStorage=true</c>, or a connection string for the
/// emulator's well-known account whose endpoints are all on this machine (Azurite on free ports, as in the tests).
/// Nothing else counts: an identity-based connection or any other account is real data.
/// </summary>
public static class DevelopmentStorage
{
    public const string AccountName = "devstoreaccount1";

    public static bool Recognizes(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.UsesIdentity)
        {
            return false;
        }

        if (string.Equals(settings.StorageConnection.Trim().TrimEnd(';'), ServiceSettings.DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = settings.StorageConnection;
        }
        catch (ArgumentException)
        {
            return false;
        }

        string[] endpointNames = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];
        var endpoints = endpointNames.Where(parts.ContainsKey).Select(n => parts[n]?.ToString()).ToList();
        return parts.TryGetValue("AccountName", out var account) && string.Equals(account?.ToString(), AccountName, StringComparison.Ordinal)
            && endpoints.Count > 0 && endpoints.All(IsLoopback);
    }

    private static bool IsLoopback(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
}
