namespace FhirTrials.Core.Reading.Text;

internal enum ListMarker
{
    None,
    Bullet,
    Numbered,
}

/// <summary>One line of the page: its 1-based number, its text, and its list marker when it is a list item.</summary>
/// <param name="Text">The line trimmed, markdown escapes ("\*", "\&lt;") removed.</param>
/// <param name="Content">The text without its list marker ("• ", "- ", "2. ").</param>
/// <param name="Indent">Leading spaces, for nested lists.</param>
internal sealed record PageLine(int Number, string Text, string Content, ListMarker Marker, int Indent)
{
    public bool IsBlank => Text.Length == 0;

    public bool HasPipe => Text.Contains('|', StringComparison.Ordinal);

    /// <summary>1 to 6 for a markdown heading ("## Conditions", or a line underlined with === or ---), else 0.</summary>
    public int HeadingLevel { get; init; }
}

/// <summary>First and last line (1-based, inclusive) a value came from.</summary>
internal readonly record struct LineSpan(int First, int Last)
{
    public static LineSpan Of(PageLine line) => new(line.Number, line.Number);

    public static LineSpan Of(IReadOnlyList<PageLine> lines) =>
        lines.Count == 0 ? default : new(lines[0].Number, lines[^1].Number);
}
