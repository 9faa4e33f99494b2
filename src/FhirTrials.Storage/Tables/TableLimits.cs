using Azure.Data.Tables;

namespace FhirTrials.Storage.Tables;

/// <summary>
/// The limits of real Azure Table Storage, enforced here because Azurite accepts much of what Azure rejects
/// (cross-partition batches, over 100 operations, over 252 properties, oversized entities).
/// Sizes follow the documented entity size formula: strings count as UTF-16.
/// </summary>
public static class TableLimits
{
    public const int MaxKeyChars = 512; // 1 KiB of UTF-16
    public const int MaxPropertyBytes = 64 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxUserProperties = 252;
    public const int MaxBatchOperations = 100;
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>True when the character may not appear in a PartitionKey or RowKey.</summary>
    public static bool IsForbiddenKeyChar(char c) =>
        c is '/' or '\\' or '#' or '?' || c < 0x20 || c is >= '\u007F' and <= '\u009F';

    public static void ValidateKey(string key, string role)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > MaxKeyChars)
        {
            throw new TableLimitException($"{role} is {key.Length} characters long; Azure Table keys hold at most {MaxKeyChars}.");
        }

        for (var i = 0; i < key.Length; i++)
        {
            if (IsForbiddenKeyChar(key[i]))
            {
                throw new TableLimitException(
                    $"{role} '{Shorten(key)}' contains the character U+{(int)key[i]:X4} at position {i}; Azure Table keys may not contain / \\ # ? or control characters.");
            }
        }
    }

    /// <summary>Size of the entity as Azure counts it against the 1 MiB limit.</summary>
    public static long EntitySize(ITableEntity entity, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        long size = 4 + (2L * (entity.PartitionKey?.Length ?? 0)) + (2L * (entity.RowKey?.Length ?? 0));
        foreach (var (name, value) in properties)
        {
            size += 8 + (2L * name.Length) + ValueSize(value);
        }

        return size;
    }

    public static long ValueSize(object? value) => value switch
    {
        null => 0,
        string s => 4 + (2L * s.Length),
        byte[] b => 4 + b.LongLength,
        BinaryData d => 4 + d.ToMemory().Length,
        bool => 1,
        int => 4,
        long or double or DateTime or DateTimeOffset => 8,
        Guid => 16,
        _ => throw new TableLimitException($"Property values of type {value.GetType().Name} are not stored by FhirTrials."),
    };

    /// <summary>Throws a <see cref="TableLimitException"/> naming the first limit the entity breaks.</summary>
    public static void Validate(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.PartitionKey, "PartitionKey");
        ValidateKey(entity.RowKey, "RowKey");
        var properties = UserProperties(entity).ToList();
        if (properties.Count > MaxUserProperties)
        {
            throw new TableLimitException($"Entity {Describe(entity)} has {properties.Count} properties; Azure allows {MaxUserProperties}.");
        }

        foreach (var (name, value) in properties)
        {
            if (value is string or byte[] or BinaryData && ValueSize(value) - 4 > MaxPropertyBytes)
            {
                throw new TableLimitException($"Property {name} of entity {Describe(entity)} is {ValueSize(value) - 4} bytes; Azure allows {MaxPropertyBytes} per property.");
            }
        }

        var size = EntitySize(entity, properties);
        if (size > MaxEntityBytes)
        {
            throw new TableLimitException($"Entity {Describe(entity)} is {size} bytes; Azure allows {MaxEntityBytes} per entity.");
        }
    }

    public static IEnumerable<KeyValuePair<string, object?>> UserProperties(TableEntity entity) =>
        entity.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"));

    private static string Describe(TableEntity entity) => $"({Shorten(entity.PartitionKey)}, {Shorten(entity.RowKey)})";

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "...";
}

/// <summary>An entity, key or batch breaks a limit of Azure Table Storage.</summary>
public sealed class TableLimitException : InvalidOperationException
{
    public TableLimitException()
    {
    }

    public TableLimitException(string message)
        : base(message)
    {
    }

    public TableLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
