using System.Text;

namespace FhirTrials.Core.Reading.Html;

/// <summary>
/// Collects a page's text into lines, collapsing white space as a browser renders it. Table rows come out as
/// "cell | cell |"; a line break inside a cell (a &lt;br&gt;, a paragraph, a list item) starts a new cell, since the
/// parts of a value cell are separate values, while a header cell's parts are one label and are joined by a space.
/// A definition list's term is put before its description as "Term: value", or "Term:" above the description's
/// lines when it has several.
/// </summary>
internal sealed class LineWriter
{
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _line = new();
    private readonly List<Term?> _definitionLists = [];
    private string _prefix = string.Empty;
    private Cell _cell;
    private int _cellStart;
    private bool _cellContinues;
    private bool _rowHasCells;
    private int _termStart = -1;

    private enum Cell
    {
        None,
        Header,
        Value,
    }

    public void Text(string text, bool preformatted)
    {
        foreach (var c in text)
        {
            if (preformatted && c == '\n')
            {
                EndLine();
            }
            else if (c == '\u00A0')
            {
                // A no-break space is a space that never collapses.
                _line.Append(' ');
            }
            else if (char.IsWhiteSpace(c))
            {
                if (_line.Length > 0 && _line[^1] != ' ')
                {
                    _line.Append(' ');
                }
            }
            else
            {
                _line.Append(c);
            }
        }
    }

    /// <summary>The marker of a list item ("- ", indented), written before the item's first line.</summary>
    public void StartItem(string prefix) => _prefix = prefix;

    public void StartCell(bool header)
    {
        EndCell();
        _cell = header ? Cell.Header : Cell.Value;
        _cellStart = _line.Length;
        _cellContinues = false;
    }

    public void EndCell()
    {
        if (_cell == Cell.None)
        {
            return;
        }

        if (_cellContinues && CellIsEmpty())
        {
            // A cell's last part ended with its last line break: there is no further value.
            _cell = Cell.None;
            TrimEnd();
            _line.Append(' ');
            return;
        }

        TrimEnd();
        _line.Append(_line.Length > 0 ? " |" : "|");
        _line.Append(' ');
        _cell = Cell.None;
        _rowHasCells = true;
    }

    /// <summary>Ends the current line; inside a cell, ends the cell's current part instead.</summary>
    public void EndLine()
    {
        if (_cell != Cell.None)
        {
            BreakCell();
            return;
        }

        TrimEnd();
        var hasText = _line.Length > 0 && !(_rowHasCells && IsOnlyPipes());
        if (hasText)
        {
            _output.Append(_prefix).Append(_line).Append('\n');
            _prefix = string.Empty;
        }

        _line.Clear();
        _rowHasCells = false;
    }

    public void EndRow()
    {
        EndCell();
        EndLine();
    }

    public void StartDefinitionList()
    {
        EndLine();
        _definitionLists.Add(null);
    }

    public void EndDefinitionList()
    {
        EndLine();
        if (_definitionLists.Count > 0)
        {
            PlaceTerm();
            _definitionLists.RemoveAt(_definitionLists.Count - 1);
        }
    }

    public void StartTerm()
    {
        EndLine();
        PlaceTerm();
        _termStart = _output.Length;
    }

    /// <summary>Takes the term's text off the output; it is written back before its description once that is known.</summary>
    public void EndTerm()
    {
        EndLine();
        if (_termStart < 0 || _definitionLists.Count == 0)
        {
            return;
        }

        var label = _output.ToString(_termStart, _output.Length - _termStart).Replace('\n', ' ').Trim();
        _output.Length = _termStart;
        _definitionLists[^1] = label.Length > 0 ? new Term(label, _output.Length) : null;
        _termStart = -1;
    }

    public override string ToString()
    {
        EndCell();
        EndLine();
        while (_definitionLists.Count > 0)
        {
            EndDefinitionList();
        }

        return _output.ToString();
    }

    // The pending term goes before its description: on the same line when the description is one line.
    private void PlaceTerm()
    {
        if (_definitionLists.Count == 0 || _definitionLists[^1] is not { } term)
        {
            return;
        }

        _definitionLists[^1] = null;
        var lines = 0;
        for (var i = term.At; i < _output.Length && lines < 2; i++)
        {
            lines += _output[i] == '\n' ? 1 : 0;
        }

        var label = term.Label;
        var endsInPunctuation = label[^1] is '?' or '.' or '!';
        if (lines == 0 || endsInPunctuation)
        {
            _output.Insert(term.At, label + "\n");
        }
        else
        {
            label = label.EndsWith(':') ? label : label + ":";
            _output.Insert(term.At, lines == 1 ? label + " " : label + "\n");
        }
    }

    private void BreakCell()
    {
        if (CellIsEmpty())
        {
            return;
        }

        if (_cell == Cell.Header)
        {
            TrimEnd();
            _line.Append(' ');
            return;
        }

        EndCell();
        _cell = Cell.Value;
        _cellStart = _line.Length;
        _cellContinues = true;
    }

    private bool CellIsEmpty()
    {
        for (var i = _cellStart; i < _line.Length; i++)
        {
            if (_line[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private bool IsOnlyPipes()
    {
        for (var i = 0; i < _line.Length; i++)
        {
            if (_line[i] is not ('|' or ' '))
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

    private sealed record Term(string Label, int At);
}
