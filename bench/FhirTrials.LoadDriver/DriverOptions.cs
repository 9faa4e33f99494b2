using System.Globalization;

namespace FhirTrials.LoadDriver;

/// <summary>
/// What to run and how big. The defaults are the sizes; <c>--quick</c> shrinks every size so a developer can see
/// the whole driver work in a minute (its figures are not the ones to publish).
/// </summary>
internal sealed record DriverOptions
{
    public IReadOnlyList<string> Benchmarks { get; init; } = ["ingest", "api", "scale", "archive"];

    public bool Quick { get; init; }

    /// <summary>Documents uploaded and ingested by the ingestion benchmark.</summary>
    public int Documents { get; init; } = 1_000;

    /// <summary>Studies stored for the API benchmark.</summary>
    public int Studies { get; init; } = 10_000;

    /// <summary>Studies in the generated json.zip of the archive benchmark (issue 14: 10,000; 100,000 for the scale run).</summary>
    public int ArchiveStudies { get; init; } = 10_000;

    /// <summary>Milliseconds added to every storage request of the archive benchmark, on both sides (10 models Azure).</summary>
    public int DelayMs { get; init; }

    /// <summary>Studies per work item of the archive benchmark (a host's WorkItemStudies setting; its default 100).</summary>
    public int ItemStudies { get; init; } = new FhirTrials.Storage.WorkQueue.WorkQueueOptions().StudiesPerItem;

    /// <summary>Store sizes of the scale benchmark.</summary>
    public IReadOnlyList<int> ScaleSizes { get; init; } = [1_000, 10_000, 100_000];

    /// <summary>Concurrent HTTP clients of the API benchmark.</summary>
    public IReadOnlyList<int> Clients { get; init; } = [1, 8, 32];

    /// <summary>Measured requests per operation, concurrency level and side (ours, baseline) in the API and scale benchmarks.</summary>
    public int Requests { get; init; } = 2_000;

    /// <summary>How the API and scale benchmarks fill the store: null = their defaults (API: the real write path;
    /// scale: bulk rows, as the real path is too slow for 100,000 studies on one Azurite).</summary>
    public bool? BulkPopulate { get; init; }

    public static string Usage =>
        """
        usage: dotnet run -c Release --project bench/FhirTrials.LoadDriver -- [ingest] [api] [scale] [archive] [export] [match] [--quick]
                 [--documents N] [--studies N] [--scale N,N,N] [--clients N,N,N] [--requests N]
                 [--populate bulk|writer] [--delay-ms N] [--item-studies N]
          With no benchmark named, all four run. Each starts its own Azurite (in memory, free ports).
          archive: a CT.gov json.zip of --studies studies (10,000; --quick 300), --delay-ms added to every storage request,
                   split into work items of --item-studies studies (100) processed through the work queue.
          export: --studies studies (10,000; --quick 500) ingested, exported (all types) next to the bare SDK, then a _since export after 100 changes.
          match: ResearchStudy/$match next to the search answering the same age-and-condition question, over --studies studies
                 (bulk rows unless --populate writer); not part of the default set.
        """;

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DriverOptions();
        var named = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "ingest" or "api" or "scale" or "archive" or "export" or "match":
                    named.Add(args[i]);
                    break;
                case "--quick":
                    options = options with { Quick = true, Documents = 100, Studies = 500, ArchiveStudies = 300, ScaleSizes = [200, 1_000, 5_000], Clients = [1, 8], Requests = 200 };
                    break;
                case "--documents":
                    options = options with { Documents = Positive(args, ++i) };
                    break;
                case "--studies":
                    var studies = Positive(args, ++i);
                    options = options with { Studies = studies, ArchiveStudies = studies };
                    break;
                case "--delay-ms":
                    options = options with { DelayMs = i + 1 < args.Count && args[i + 1] == "0" ? Zero(ref i) : Positive(args, ++i) };
                    break;
                case "--item-studies":
                    options = options with { ItemStudies = Positive(args, ++i) };
                    break;
                case "--scale":
                    options = options with { ScaleSizes = List(args, ++i) };
                    break;
                case "--requests":
                    options = options with { Requests = Positive(args, ++i) };
                    break;
                case "--populate" when i + 1 < args.Count && args[i + 1] is "bulk" or "writer":
                    options = options with { BulkPopulate = args[++i] == "bulk" };
                    break;
                case "--clients":
                    options = options with { Clients = List(args, ++i) };
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return named.Count > 0 ? options with { Benchmarks = named } : options;
    }

    private static int Positive(IReadOnlyList<string> args, int i) =>
        i < args.Count ? Number(args[i], args[i - 1]) : throw new ArgumentException($"'{args[i - 1]}' needs a value.");

    private static int Zero(ref int i)
    {
        i++;
        return 0;
    }

    private static int[] List(IReadOnlyList<string> args, int i) =>
        i < args.Count
            ? [.. args[i].Split(',').Select(value => Number(value, args[i - 1]))]
            : throw new ArgumentException($"'{args[i - 1]}' needs a comma-separated list of numbers.");

    private static int Number(string value, string option) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{option}' needs positive whole numbers, not '{value}'.");
}
