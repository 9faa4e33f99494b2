namespace FhirTrials.Core.Reading.EuCtr;

/// <summary>
/// One member-state record of the export: the summary lines, then sections A to P. A trial authorised in several
/// member states appears once per state, each block complete and slightly different (its own authority, dates,
/// numbers and sometimes its own wording of the criteria).
/// </summary>
internal sealed class EuCtrBlock
{
    public List<EuCtrField> Fields { get; } = [];

    public int FirstLine { get; init; }

    public int LastLine { get; set; }

    public string? EudraCtNumber => Summary("EudraCT Number") ?? Value("A.2");

    /// <summary>The English field with this code (and a label starting with these words, for codes shared by several labels).</summary>
    public EuCtrField? Find(string code, string? labelStart = null) =>
        Fields.FirstOrDefault(f => f.IsEnglish && Matches(f, code, labelStart));

    public IEnumerable<EuCtrField> All(string code, string? labelStart = null) =>
        Fields.Where(f => f.IsEnglish && Matches(f, code, labelStart));

    /// <summary>The field's value, or null when the field is absent, empty or says the register holds nothing.</summary>
    public string? Value(string code, string? labelStart = null) => Meaningful(Find(code, labelStart)?.Value);

    public string? Summary(string label) => Value(string.Empty, label);

    /// <summary>A Yes/No answer; null when the field is absent or answered otherwise.</summary>
    public bool? YesNo(string code, string? labelStart = null) => Value(code, labelStart) switch
    {
        { } v when v.Equals("Yes", StringComparison.OrdinalIgnoreCase) => true,
        { } v when v.Equals("No", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };

    public static string? Meaningful(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Equals("Information not present in EudraCT", StringComparison.OrdinalIgnoreCase)
            ? null
            : value.Trim();

    private static bool Matches(EuCtrField field, string code, string? labelStart) =>
        string.Equals(field.Code, code, StringComparison.Ordinal)
        && (labelStart is null || field.Label.StartsWith(labelStart, StringComparison.OrdinalIgnoreCase));
}
