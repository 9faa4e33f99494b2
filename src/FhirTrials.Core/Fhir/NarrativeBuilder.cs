using System.Xml.Linq;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Builds the generated narrative (<c>text.div</c>) an EHR can show as-is: FHIR's XHTML subset only (div, h3, p, b,
/// ul, li, table, tr, th, td), no attributes but the namespace, every value escaped by the XML writer, and empty
/// values left out.
/// </summary>
public sealed class NarrativeBuilder
{
    private static XNamespace Xhtml { get; } = "http://www.w3.org/1999/xhtml";
    private readonly XElement _div = new(Xhtml + "div");
    private XElement? _table;

    public NarrativeBuilder(string heading) => _div.Add(new XElement(Xhtml + "h3", Clean(heading)));

    /// <summary>A label: value row; nothing when the value is empty.</summary>
    public NarrativeBuilder Row(string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        if (_table is null)
        {
            _table = new XElement(Xhtml + "table");
            _div.Add(_table);
        }

        _table.Add(new XElement(Xhtml + "tr", new XElement(Xhtml + "th", Clean(label)), new XElement(Xhtml + "td", Clean(value))));
        return this;
    }

    /// <summary>A titled bullet list; nothing when there are no items.</summary>
    public NarrativeBuilder List(string title, IEnumerable<string?> items)
    {
        var present = items.Where(i => !string.IsNullOrWhiteSpace(i)).ToList();
        if (present.Count == 0)
        {
            return this;
        }

        _table = null;
        _div.Add(new XElement(Xhtml + "p", new XElement(Xhtml + "b", Clean(title))));
        _div.Add(new XElement(Xhtml + "ul", present.Select(i => new XElement(Xhtml + "li", Clean(i!)))));
        return this;
    }

    public NarrativeBuilder Paragraph(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            _table = null;
            _div.Add(new XElement(Xhtml + "p", Clean(text)));
        }

        return this;
    }

    public string ToXhtml() => _div.ToString(SaveOptions.DisableFormatting);

    public Narrative ToNarrative() => new() { Status = Narrative.NarrativeStatus.Generated, Div = ToXhtml() };

    // XML 1.0 cannot carry most control characters even escaped; copied pages sometimes hold them.
    private static string Clean(string text) =>
        new([.. text.Where(c => System.Xml.XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))]);
}
