using System.Collections.Frozen;
using AngleSharp.Dom;

namespace FhirTrials.Core.Reading.Html;

/// <summary>
/// Reduces an HTML page to the text a person sees, one block per line, in the shapes the page reader knows:
/// headings, paragraphs and divs as lines; list items as "- item" (indented two spaces per nesting level); table
/// rows as "cell | cell |", a header cell beside its value ("Phase | Phase 2 |") being a label and its value;
/// definition lists as "Term: value". The page is parsed as a browser parses it (<see cref="HtmlDocumentParser"/>)
/// and its tree is walked with an explicit stack, so no nesting can overflow the call stack; hidden content and
/// page furniture are left out (<see cref="HtmlVisibility"/>).
/// </summary>
public static class HtmlText
{
    private static readonly FrozenSet<string> Blocks = new[]
    {
        "html", "body", "p", "div", "section", "article", "main", "header", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
        "hgroup", "blockquote", "address", "figure", "figcaption", "details", "summary", "dd", "caption", "thead",
        "tbody", "tfoot", "fieldset", "legend", "center", "form", "search", "table", "tr", "td", "th", "dt", "dl",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Lists = new[] { "ul", "ol", "menu", "dir" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Reduces the page within <see cref="ReaderLimits.Default"/>.</summary>
    public static ReducedHtml Reduce(string html) => Reduce(html, ReaderLimits.Default);

    public static ReducedHtml Reduce(string html, ReaderLimits limits)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(limits);
        var parsed = HtmlDocumentParser.Parse(html, limits);
        if (parsed.Document?.DocumentElement is not { } root)
        {
            return new ReducedHtml(string.Empty, parsed.RefusalReason);
        }

        return new ReducedHtml(new TreeWalk(parsed.LayoutTables).Run(root), null);
    }

    /// <summary>What leaving an element does to the text and to the walk's context.</summary>
    private enum Leave
    {
        Nothing,
        Line,
        List,
        Item,
        Preformatted,
        Form,
        Row,
        Cell,
        DefinitionList,
        Term,
    }

    private readonly record struct Frame(INode Node, int Next, Leave Leave);

    private sealed class TreeWalk(IReadOnlySet<IElement> layoutTables)
    {
        private readonly LineWriter _writer = new();
        private readonly List<Frame> _stack = [];
        private int _lists;
        private int _preformatted;
        private int _forms;
        private int _cells;

        public string Run(IElement root)
        {
            Enter(root);
            while (_stack.Count > 0)
            {
                var top = _stack[^1];
                var children = top.Node.ChildNodes;
                if (top.Next >= children.Length)
                {
                    _stack.RemoveAt(_stack.Count - 1);
                    Exit(top.Leave);
                    continue;
                }

                _stack[^1] = top with { Next = top.Next + 1 };
                switch (children[top.Next])
                {
                    case IText text:
                        _writer.Text(text.Data, _preformatted > 0);
                        break;
                    case IElement element:
                        Enter(element);
                        break;
                }
            }

            return _writer.ToString();
        }

        private void Enter(IElement element)
        {
            if (HtmlVisibility.IsHidden(element, _forms > 0))
            {
                return;
            }

            var name = element.LocalName;
            var leave = Leave.Nothing;
            if (name is "br" or "hr")
            {
                _writer.EndLine();
                return;
            }

            if (Lists.Contains(name))
            {
                _writer.EndLine();
                _lists++;
                leave = Leave.List;
            }
            else if (name == "li")
            {
                _writer.EndLine();
                if (_cells == 0)
                {
                    _writer.StartItem(new string(' ', Math.Max(0, _lists - 1) * 2) + "- ");
                }

                leave = Leave.Item;
            }
            else if (name == "pre")
            {
                _writer.EndLine();
                _preformatted++;
                leave = Leave.Preformatted;
            }
            else if (name == "tr" && IsRowOfCells(element))
            {
                _writer.EndLine();
                leave = Leave.Row;
            }
            else if (name is "td" or "th" && _stack.Count > 0 && _stack[^1].Leave == Leave.Row)
            {
                _writer.StartCell(header: name == "th");
                _cells++;
                leave = Leave.Cell;
            }
            else if (name == "dl" && _cells == 0)
            {
                _writer.StartDefinitionList();
                leave = Leave.DefinitionList;
            }
            else if (name == "dt" && _cells == 0)
            {
                _writer.StartTerm();
                leave = Leave.Term;
            }
            else if (name == "form")
            {
                _writer.EndLine();
                _forms++;
                leave = Leave.Form;
            }
            else if (Blocks.Contains(name))
            {
                _writer.EndLine();
                leave = Leave.Line;
            }

            if (element.HasChildNodes)
            {
                _stack.Add(new Frame(element, 0, leave));
            }
            else
            {
                Exit(leave);
            }
        }

        private void Exit(Leave leave)
        {
            switch (leave)
            {
                case Leave.List:
                    _lists--;
                    _writer.EndLine();
                    break;
                case Leave.Preformatted:
                    _preformatted--;
                    _writer.EndLine();
                    break;
                case Leave.Form:
                    _forms--;
                    _writer.EndLine();
                    break;
                case Leave.Row:
                    _writer.EndRow();
                    break;
                case Leave.Cell:
                    _cells--;
                    _writer.EndCell();
                    break;
                case Leave.DefinitionList:
                    _writer.EndDefinitionList();
                    break;
                case Leave.Term:
                    _writer.EndTerm();
                    break;
                case Leave.Item or Leave.Line:
                    _writer.EndLine();
                    break;
            }
        }

        // A row of a table of values with at least two cells. A row of one cell (a heading across the table, a
        // paragraph) reads as lines, and so do the rows of a table used for page layout.
        private bool IsRowOfCells(IElement row)
        {
            var table = row.ParentElement?.LocalName == "table" ? row.ParentElement : row.ParentElement?.ParentElement;
            if (table is null || layoutTables.Contains(table))
            {
                return false;
            }

            var cells = 0;
            foreach (var child in row.Children)
            {
                if (child.LocalName is "td" or "th" && !HtmlVisibility.IsHidden(child, _forms > 0) && ++cells == 2)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
