using System.Buffers;
using System.Text;
using System.Xml;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Builds the generated narrative (<c>text.div</c>) an EHR can show as-is: FHIR's XHTML subset only (div, h3, p, b,
/// ul, li, table, tr, th, td), no attributes but the namespace, every value escaped, and empty values left out.
/// </summary>
/// <remarks>
/// Written straight into a StringBuilder rather than through an XElement tree: a narrative is a flat run of
/// text-only elements, and an XmlWriter per resource (with its own buffers) was the largest allocation of the mapper.
/// The markup equals what XElement wrote: text escapes &amp;, &lt; and &gt;; a CR or CRLF becomes LF.
/// </remarks>
public sealed class NarrativeBuilder
{
    private const string DivStart = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";

    private static readonly SearchValues<char> NotXml = SearchValues.Create(
        [.. Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(i => (char)i).Where(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))]);

    private static readonly SearchValues<char> Escaped = SearchValues.Create("&<>\r");

    private readonly StringBuilder _body = new(DivStart);
    private bool _tableOpen;

    public NarrativeBuilder(string heading) => Element("h3", heading);

    /// <summary>A label: value row; nothing when the value is empty.</summary>
    public NarrativeBuilder Row(string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        if (!_tableOpen)
        {
            _body.Append("<table>");
            _tableOpen = true;
        }

        _body.Append("<tr>");
        Element("th", label);
        Element("td", value);
        _body.Append("</tr>");
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

        CloseTable();
        _body.Append("<p><b>");
        Text(title);
        _body.Append("</b></p><ul>");
        foreach (var item in present)
        {
            Element("li", item!);
        }

        _body.Append("</ul>");
        return this;
    }

    public NarrativeBuilder Paragraph(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            CloseTable();
            Element("p", text);
        }

        return this;
    }

    /// <summary>The div as built so far; the builder can go on after it.</summary>
    public string ToXhtml() => _tableOpen ? _body + "</table></div>" : _body + "</div>";

    public Narrative ToNarrative() => new() { Status = Narrative.NarrativeStatus.Generated, Div = ToXhtml() };

    private void CloseTable()
    {
        if (_tableOpen)
        {
            _body.Append("</table>");
            _tableOpen = false;
        }
    }

    private void Element(string name, string text)
    {
        _body.Append('<').Append(name).Append('>');
        Text(text);
        _body.Append("</").Append(name).Append('>');
    }

    private void Text(string text)
    {
        // XML 1.0 cannot carry most control characters even escaped; copied pages sometimes hold them.
        if (text.AsSpan().ContainsAny(NotXml))
        {
            text = new([.. text.Where(c => !NotXml.Contains(c))]);
        }

        var rest = text.AsSpan();
        for (var next = rest.IndexOfAny(Escaped); next >= 0; next = rest.IndexOfAny(Escaped))
        {
            _body.Append(rest[..next]);
            var c = rest[next];
            _body.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => "\n" });
            rest = rest[(c == '\r' && next + 1 < rest.Length && rest[next + 1] == '\n' ? next + 2 : next + 1)..];
        }

        _body.Append(rest);
    }
}
