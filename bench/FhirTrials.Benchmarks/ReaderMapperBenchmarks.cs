using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Benchmarks;

/// <summary>
/// Per input document: our reader + mapper, and as the baseline Firely serialising the Bundle of what they produced to
/// JSON and parsing it back. BenchmarkDotNet's Ratio column is then (read + map) / (serialize + parse) per input.
/// </summary>
/// <remarks>Public and unsealed: BenchmarkDotNet's generated runner derives from it.</remarks>
[MemoryDiagnoser]
public class ReaderMapperBenchmarks
{
    public const string ReadAndMapName = "read+map";
    public const string SerializeAndParseName = "serialize+parse";

    private static readonly MappingOptions Options = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly FhirJsonSerializer Serializer = new();
    private static readonly FhirJsonDeserializer Deserializer = new();

    private byte[] _document = [];
    private string _documentName = "";
    private Bundle _bundle = new();

    public static IEnumerable<string> Inputs => BenchmarkInputs.All.Select(i => i.Name);

    [ParamsSource(nameof(Inputs))]
    public string Input { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var input = BenchmarkInputs.Named(Input);
        _document = input.ReadBytes();
        _documentName = input.FileName;
        var read = TrialDocumentReader.Read(_document, _documentName);
        if (read.IsRejected || read.Records.Count == 0)
        {
            // A refused input would measure the refusal, not the reader: stop instead of printing a flattering figure.
            throw new InvalidOperationException($"{input.RelativePath} was not read as a trial: {read.RejectionReason ?? "no records"}");
        }

        _bundle = CollectionBundle.Of(ReadAndMap());
    }

    [Benchmark(Description = ReadAndMapName)]
    public IReadOnlyList<TrialResources> ReadAndMap()
    {
        var read = TrialDocumentReader.Read(_document, _documentName);
        var mapped = new List<TrialResources>(read.Records.Count);
        foreach (var record in read.Records)
        {
            mapped.Add(TrialFhirMapper.Map(record, Options));
        }

        return mapped;
    }

    [Benchmark(Baseline = true, Description = SerializeAndParseName)]
    public Resource SerializeAndParse()
    {
        var json = Serializer.SerializeToBytes(_bundle);
        var reader = new Utf8JsonReader(json);
        return Deserializer.DeserializeResource(ref reader);
    }
}
