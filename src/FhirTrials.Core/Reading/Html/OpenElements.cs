namespace FhirTrials.Core.Reading.Html;

/// <summary>
/// The stack of open elements, with a count per name: a stray end tag, an implied close with nothing to close,
/// and the list depth of an item are answered without walking a stack that may be thousands deep.
/// </summary>
internal sealed class OpenElements
{
    private readonly List<string> _stack = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Count => _stack.Count;

    public string this[int index] => _stack[index];

    public int ListDepth => CountOf("ul") + CountOf("ol");

    public int CountOf(string name) => _counts.GetValueOrDefault(name);

    public void Push(string name)
    {
        _stack.Add(name);
        _counts[name] = CountOf(name) + 1;
    }

    public string Pop()
    {
        var name = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        _counts[name]--;
        return name;
    }

    public int LastIndexOf(string name) => CountOf(name) == 0 ? -1 : _stack.LastIndexOf(name);
}
