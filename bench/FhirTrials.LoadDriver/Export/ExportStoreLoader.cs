using System.Diagnostics;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using FhirTrials.LoadDriver.Ingestion;
using FhirTrials.Storage;
using FhirTrials.Storage.Resources;
using Resource = Hl7.Fhir.Model.Resource;

namespace FhirTrials.LoadDriver.Export;

/// <summary>
/// Fills the store for the export benchmark at 10,000 studies in minutes rather than the real ingestion's hour on
/// Azurite: the generated CT.gov studies are read and mapped by the service's own reader and mapper, and every
/// resource of every type is written by <see cref="BulkVersionWriter"/>, the writer the archive path uses (claims,
/// History rows, the change index, commits, in 100-operation transactions). What it leaves out is the search index:
/// an export never reads it, and on Azurite, which scans the whole table for every query, 200-odd index rows per study
/// would slow every other query of the run, on both sides. Sources, aliases and merges are left out for the same
/// reason; a resource named by many studies (a sponsor, a site) is written once, as the merge would.
/// </summary>
internal sealed class ExportStoreLoader(TrialStorage storage)
{
    /// <summary>Studies read, mapped and written together: one bulk write each.</summary>
    private const int StudiesPerWrite = 250;

    public async Task<TimeSpan> LoadAsync(int studies, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var store = new TableResourceStore(storage, _ => []);
        var writer = new BulkVersionWriter(storage, store.Rows, store.Writer);
        var generator = TrialDocumentGenerator.CtGovJson();
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (var made = 0; made < studies; made += StudiesPerWrite)
        {
            var resources = new List<Resource>();
            foreach (var document in generator.Generate("studies", Math.Min(StudiesPerWrite, studies - made)))
            {
                var read = TrialDocumentReader.Read(document.Content, document.Name);
                foreach (var record in read.Records)
                {
                    var trial = TrialFhirMapper.Map(record, new MappingOptions(DateTimeOffset.UtcNow, document.Name));
                    resources.AddRange(trial.All().Where(r => written.Add(r.TypeName + "/" + r.Id)));
                }
            }

            var results = await writer.WriteAsync(resources, _ => true, cancellationToken).ConfigureAwait(false);
            if (results.Count != resources.Count)
            {
                throw new InvalidOperationException($"The bulk writer stored {results.Count} of {resources.Count} resources.");
            }

            if ((made + StudiesPerWrite) % 2_000 == 0)
            {
                Console.WriteLine($"export:   {made + StudiesPerWrite:N0} of {studies:N0} studies loaded ({written.Count:N0} resources, {watch.Elapsed.TotalSeconds:0} s)");
            }
        }

        return watch.Elapsed;
    }
}
