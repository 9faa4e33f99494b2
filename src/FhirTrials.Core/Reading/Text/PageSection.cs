namespace FhirTrials.Core.Reading.Text;

internal enum LabelShape
{
    /// <summary>No label: the preamble, or lines after a table.</summary>
    None,

    /// <summary>The label alone on its line, values on the following lines (Veeva style).</summary>
    Heading,

    /// <summary>"Label: value" on one line.</summary>
    Colon,

    /// <summary>"Label : | value |" table row.</summary>
    PipeRow,

    /// <summary>A pipe table whose header cells are labels ("Condition or disease | Intervention/treatment | Phase |").</summary>
    PipeTable,

    /// <summary>Recognised from its content, not a label (a country row opening a list of sites).</summary>
    Implicit,
}

/// <summary>A labelled part of the page: the label's line, the value on that line, and the lines that follow.</summary>
internal sealed class PageSection(PageField field, LabelShape shape, PageLine? labelLine, string qualifier = "")
{
    public PageField Field { get; } = field;

    public LabelShape Shape { get; } = shape;

    public PageLine? LabelLine { get; } = labelLine;

    /// <summary>"Estimated", "Actual"... when the label carried it ("Estimated Enrollment").</summary>
    public string Qualifier { get; } = qualifier;

    /// <summary>Values on the label's own line: one for "Label: value", one per cell for pipe rows.</summary>
    public List<string> InlineValues { get; } = [];

    /// <summary>Fields of a pipe table's columns, in order.</summary>
    public List<PageField> Columns { get; } = [];

    /// <summary>Lines under the label up to the next label, without furniture (blank lines kept as paragraph breaks).</summary>
    public List<PageLine> Body { get; } = [];

    public IEnumerable<PageLine> ContentLines => Body.Where(l => !l.IsBlank);

    /// <summary>A label that has not had its value yet: the next line is read in its light (a blurb, a sub-label).</summary>
    public bool AwaitsFirstValue =>
        Shape is LabelShape.Heading or LabelShape.Colon or LabelShape.PipeRow
        && InlineValues.Count == 0
        && Body.TrueForAll(l => l.IsBlank);

    public string LabelText => LabelLine?.Text ?? Field.ToString();
}
