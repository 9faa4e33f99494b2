using System.Text;

namespace FhirTrials.Core.Reading.Html;

/// <summary>
/// Reduces an HTML page to the text a person sees, one block per line, in the shapes the page reader knows:
/// headings, paragraphs and divs as lines; list items as "- item" (indented two spaces per nesting level);
/// table rows as "cell | cell |". Scripts, styles, forms, navigation, footers and the like are never content.
/// Open elements live on an explicit stack, so deep nesting cannot overflow; unclosed or stray tags are tolerated.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> NeverContent =
        ["script", "style", "noscript", "template", "iframe", "svg", "math", "form", "nav", "footer", "button", "select",
            "head", "textarea", "object", "canvas", "dialog"];

    private static readonly HashSet<string> Blocks =
        ["p", "div", "section", "article", "main", "header", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "address", "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "ul", "ol", "table",
            "caption", "thead", "tbody", "tfoot", "hr", "fieldset", "legend", "center", "body", "html"];

    private static readonly HashSet<string> VoidElements =
        ["br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "param", "track"];

    public static string Reduce(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var writer = new LineWriter();
        var open = new OpenElements();
        var hidden = 0;      // how many open elements are never content
        var preformatted = 0;
        foreach (var token in HtmlTokenizer.Tokenize(html))
        {
            switch (token.Kind)
            {
                case HtmlTokenKind.Text when hidden == 0:
                    writer.Text(token.Value, preformatted > 0);
                    break;
                case HtmlTokenKind.StartTag:
                    if (VoidElements.Contains(token.Value) || token.SelfClosing)
                    {
                        if (hidden == 0 && token.Value is "br" or "hr")
                        {
                            writer.EndLine();
                        }

                        break;
                    }

                    CloseImplied(open, token.Value, writer, ref hidden, ref preformatted);
                    open.Push(token.Value);
                    hidden += NeverContent.Contains(token.Value) ? 1 : 0;
                    preformatted += token.Value == "pre" ? 1 : 0;
                    if (hidden == 0)
                    {
                        Start(token.Value, open, writer);
                    }

                    break;
                case HtmlTokenKind.EndTag:
                    var at = open.LastIndexOf(token.Value);
                    while (at >= 0 && open.Count > at)
                    {
                        Pop(open, writer, ref hidden, ref preformatted);
                    }

                    break;
            }
        }

        while (open.Count > 0)
        {
            Pop(open, writer, ref hidden, ref preformatted);
        }

        return writer.ToString();
    }

    private static void Start(string name, OpenElements open, LineWriter writer)
    {
        if (name == "li")
        {
            writer.EndLine();
            var depth = open.ListDepth;
            writer.StartItem(new string(' ', Math.Max(0, depth - 1) * 2) + "- ");
        }
        else if (name == "tr")
        {
            writer.EndLine();
        }
        else if (name is "td" or "th")
        {
            writer.StartCell();
        }
        else if (Blocks.Contains(name))
        {
            writer.EndLine();
        }
    }

    private static void Pop(OpenElements open, LineWriter writer, ref int hidden, ref int preformatted)
    {
        var name = open.Pop();
        if (NeverContent.Contains(name))
        {
            hidden--;
            return;
        }

        preformatted -= name == "pre" ? 1 : 0;
        if (hidden > 0)
        {
            return;
        }

        if (name is "td" or "th")
        {
            writer.EndCell();
        }
        else if (name is "li" or "tr" || Blocks.Contains(name))
        {
            writer.EndLine();
        }
    }

    // The end tags HTML lets authors omit: a new item closes the previous one, a new row closes the last row.
    private static void CloseImplied(OpenElements open, string name, LineWriter writer, ref int hidden, ref int preformatted)
    {
        (string[] closes, string[] boundary) rule = name switch
        {
            "li" => (["li"], ["ul", "ol"]),
            "td" or "th" => (["td", "th"], ["tr", "table"]),
            "tr" => (["tr", "td", "th"], ["table", "thead", "tbody", "tfoot"]),
            "dt" or "dd" => (["dt", "dd"], ["dl"]),
            "p" or "div" or "ul" or "ol" or "table" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => (["p"], ["div", "section", "article", "li", "td", "th", "body"]),
            _ => ([], []),
        };
        if (!rule.closes.Any(c => open.CountOf(c) > 0))
        {
            return;
        }

        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (rule.boundary.Contains(open[i]))
            {
                return;
            }

            if (rule.closes.Contains(open[i]))
            {
                while (open.Count > i)
                {
                    Pop(open, writer, ref hidden, ref preformatted);
                }

                if (name != "tr")
                {
                    return;
                }
            }
        }
    }

    /// <summary>Collects text into lines, collapsing white space the way a browser renders it.</summary>
    private sealed class LineWriter
    {
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _line = new();
        private string _prefix = string.Empty;
        private bool _inCell;
        private bool _rowHasCells;

        public void Text(string text, bool preformatted)
        {
            foreach (var c in text)
            {
                if (preformatted && c == '\n')
                {
                    EndLine();
                }
                else if (char.IsWhiteSpace(c) && c != '\u00A0')
                {
                    if (_line.Length > 0 && _line[^1] != ' ')
                    {
                        _line.Append(' ');
                    }
                }
                else
                {
                    _line.Append(c == '\u00A0' ? ' ' : c);
                }
            }
        }

        public void StartItem(string prefix) => _prefix = prefix;

        public void StartCell()
        {
            if (_inCell)
            {
                EndCell();
            }

            _inCell = true;
        }

        public void EndCell()
        {
            if (!_inCell)
            {
                return;
            }

            TrimEnd();
            _line.Append(_line.Length > 0 ? " |" : "|");
            _line.Append(' ');
            _inCell = false;
            _rowHasCells = true;
        }

        public void EndLine()
        {
            if (_inCell)
            {
                // A block inside a cell (a <p> in a <td>) does not end the row.
                return;
            }

            TrimEnd();
            var hasText = _line.Length > 0 && !(_rowHasCells && IsOnlyPipes());
            if (hasText)
            {
                _output.Append(_prefix).Append(_line).Append('\n');
            }

            _line.Clear();
            _rowHasCells = false;
            if (hasText)
            {
                _prefix = string.Empty;
            }
        }

        public override string ToString()
        {
            _inCell = false;
            EndLine();
            return _output.ToString();
        }

        private bool IsOnlyPipes()
        {
            foreach (var chunk in _line.ToString().Split('|'))
            {
                if (!string.IsNullOrWhiteSpace(chunk))
                {
                    return false;
                }
            }

            return true;
        }

        private void TrimEnd()
        {
            while (_line.Length > 0 && _line[^1] == ' ')
            {
                _line.Length--;
            }
        }
    }
}
