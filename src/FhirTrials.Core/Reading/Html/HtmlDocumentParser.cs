using System.Diagnostics;
using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace FhirTrials.Core.Reading.Html;

/// <summary>A page parsed into its tree, or the limit it broke.</summary>
/// <param name="LayoutTables">Tables with a table inside one of their cells: page layout, not rows of values.</param>
internal sealed record ParsedHtml(IDocument? Document, IReadOnlySet<IElement> LayoutTables, string? RefusalReason);

/// <summary>
/// Builds the tree of a page with AngleSharp's HTML5 parser (the tree a browser builds, every character reference
/// decoded) inside the reader's limits: nesting depth and element count are checked as elements are made, parse
/// time by cancellation, so a hostile page is refused part-way instead of being parsed to the end. Nothing is
/// loaded, no script runs, no style is computed, and the text the reader never shows (scripts, styles, comments)
/// is not even kept. One configured parser per thread: a parse is synchronous, and the checks need per-parse state.
/// </summary>
internal sealed class HtmlDocumentParser
{
    [ThreadStatic]
    private static HtmlDocumentParser? _onThisThread;

    private readonly HtmlParser _parser;
    private readonly int _maxDepth;
    private readonly List<IElement> _tables = [];
    private readonly List<IElement> _path = [];
    private int _maxElements;
    private int _elements;
    private IElement? _previous;
    private string? _refusal;
    private CancellationTokenSource? _stop;
    private long _deadline;
    private int _milliseconds;

    private HtmlDocumentParser(int maxDepth)
    {
        _maxDepth = maxDepth;
        _parser = new HtmlParser(new HtmlParserOptions
        {
            // No script ever runs; <noscript> is then ordinary markup (the reader leaves it out as furniture).
            IsScripting = false,
            SkipComments = true,
            SkipScriptText = true,
            SkipRawText = true,
            SkipRCDataText = true,
            SkipCDATA = true,
            SkipProcessingInstructions = true,
            DisableElementPositionTracking = true,
            // One level more than accepted, so that going past the limit is seen; the tree never gets deeper.
            MaximumDepth = maxDepth + 1,
            OnCreated = (element, _) => Created(element),
        });
    }

    public static ParsedHtml Parse(string html, ReaderLimits limits)
    {
        if (_onThisThread is not { } parser || parser._maxDepth != limits.MaxHtmlDepth)
        {
            _onThisThread = parser = new HtmlDocumentParser(limits.MaxHtmlDepth);
        }

        return parser.Run(html, limits);
    }

    private ParsedHtml Run(string html, ReaderLimits limits)
    {
        _maxElements = limits.MaxHtmlElements;
        _elements = 0;
        _refusal = null;
        _path.Clear();
        _milliseconds = limits.MaxHtmlParseMilliseconds;
        _deadline = Stopwatch.GetTimestamp() + (long)limits.MaxHtmlParseMilliseconds * Stopwatch.Frequency / 1000;
        using var stop = new CancellationTokenSource();
        _stop = stop;
        stop.CancelAfter(limits.MaxHtmlParseMilliseconds);
        try
        {
            // The string is all in memory, so the asynchronous parse completes synchronously; it is the form that
            // checks a cancellation token between tokens.
            var document = _parser.ParseDocumentAsync(html, stop.Token).GetAwaiter().GetResult();
            if (_previous is { } last && IsTooDeep(last))
            {
                Refuse(DepthReason());
            }

            return _refusal is null
                ? new ParsedHtml(document, LayoutTables(), null)
                : Refused(_refusal);
        }
        catch (OperationCanceledException)
        {
            return Refused(_refusal ?? TimeReason());
        }
        finally
        {
            // The parser lives as long as its thread: it must not keep the last page alive.
            _previous = null;
            _tables.Clear();
            _path.Clear();
            _stop = null;
        }
    }

    private static ParsedHtml Refused(string reason) => new(null, new HashSet<IElement>(), reason);

    private void Created(IElement element)
    {
        if (_refusal is not null)
        {
            return;
        }

        if (++_elements > _maxElements)
        {
            Refuse(string.Create(CultureInfo.InvariantCulture, $"The HTML has more than {_maxElements:N0} elements; pages are read up to {_maxElements:N0}."));
            return;
        }

        // The element made before this one is in the tree by now: its depth is the depth the parser has reached.
        if (_previous is { } previous && IsTooDeep(previous))
        {
            Refuse(DepthReason());
            return;
        }

        // The timer above runs on the thread pool, which a loaded machine can starve; the clock read here every
        // 64 elements keeps the limit on any page whose elements come from its own tags.
        if ((_elements & 63) == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            Refuse(TimeReason());
            return;
        }

        _previous = element;
        if (element.LocalName == "table")
        {
            _tables.Add(element);
        }
    }

    private string TimeReason()
    {
        var time = _milliseconds >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{_milliseconds / 1000.0:0.#} s")
            : string.Create(CultureInfo.InvariantCulture, $"{_milliseconds} ms");
        return $"The HTML could not be parsed within {time}; pages are read only within that time.";
    }

    private string DepthReason() => string.Create(CultureInfo.InvariantCulture,
        $"The HTML nests elements more than {_maxDepth:N0} deep; pages are read up to {_maxDepth:N0} levels.");

    private void Refuse(string reason)
    {
        _refusal = reason;
        _stop?.Cancel();
    }

    // The path from the root to the element checked last mirrors the parser's open elements: an element's parent
    // is almost always on it, near its end, so finding the depth costs what the path shrinks, not the depth. An
    // element placed elsewhere (error recovery moves elements) has its path walked up again, at most the limit.
    private bool IsTooDeep(IElement element)
    {
        var parent = element.ParentElement;
        var at = _path.Count - 1;
        while (at >= 0 && !ReferenceEquals(_path[at], parent))
        {
            at--;
        }

        if (at >= 0 || parent is null)
        {
            _path.RemoveRange(at + 1, _path.Count - at - 1);
        }
        else
        {
            _path.Clear();
            for (var ancestor = parent; ancestor is not null; ancestor = ancestor.ParentElement)
            {
                if (_path.Count == _maxDepth)
                {
                    return true;
                }

                _path.Add(ancestor);
            }

            _path.Reverse();
        }

        _path.Add(element);
        return _path.Count > _maxDepth;
    }

    // A table is layout when a table sits in one of its cells: its cells are regions of the page, not values.
    private HashSet<IElement> LayoutTables()
    {
        var layout = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var table in _tables)
        {
            var inCell = false;
            for (var parent = table.ParentElement; parent is not null; parent = parent.ParentElement)
            {
                if (parent.LocalName is "td" or "th")
                {
                    inCell = true;
                }
                else if (parent.LocalName == "table")
                {
                    if (inCell)
                    {
                        layout.Add(parent);
                    }

                    break;
                }
            }
        }

        return layout;
    }
}
