using System.Text;

namespace FhirTrials.Core.Reading.Html;

/// <summary>
/// A small HTML tokenizer: one pass over the characters, no backtracking and no recursion. It knows tags (with
/// quoted or bare attributes, which it skips), comments, doctypes and processing instructions (dropped), CDATA
/// (kept as text), and raw-text elements (script, style, textarea, title...) whose content is read up to their
/// end tag without looking for markup. Malformed input never throws: a stray '&lt;' is text, an unterminated
/// tag or comment runs to the end of the document.
/// </summary>
public static class HtmlTokenizer
{
    private static readonly HashSet<string> RawTextElements =
        ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

    public static IEnumerable<HtmlToken> Tokenize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder();
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }

            text.Append(html, i, lt - i);
            i = lt;
            if (StartsWith(html, i, "<!--"))
            {
                i = SkipPast(html, i + 4, "-->");
            }
            else if (StartsWith(html, i, "<![CDATA["))
            {
                var end = html.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                var stop = end < 0 ? html.Length : end;
                // CDATA is literal; pending text is decoded as a whole later, so its ampersands must survive that.
                text.Append(html.AsSpan(i + 9, stop - i - 9).ToString().Replace("&", "&amp;", StringComparison.Ordinal));
                i = end < 0 ? html.Length : end + 3;
            }
            else if (StartsWith(html, i, "<!") || StartsWith(html, i, "<?"))
            {
                i = SkipPast(html, i + 2, ">");
            }
            else if (i + 1 < html.Length && (char.IsAsciiLetter(html[i + 1]) || (html[i + 1] == '/' && i + 2 < html.Length && char.IsAsciiLetter(html[i + 2]))))
            {
                if (text.Length > 0)
                {
                    yield return new HtmlToken(HtmlTokenKind.Text, HtmlEntities.Decode(text.ToString()));
                    text.Clear();
                }

                var tag = ReadTag(html, ref i);
                yield return tag;
                if (tag.Kind == HtmlTokenKind.StartTag && !tag.SelfClosing && RawTextElements.Contains(tag.Value))
                {
                    // Raw text runs to the matching end tag; it is handed over undecoded as the element's only text.
                    var end = IndexOfEndTag(html, i, tag.Value);
                    var raw = html[i..(end < 0 ? html.Length : end)];
                    if (raw.Length > 0)
                    {
                        yield return new HtmlToken(HtmlTokenKind.Text, tag.Value is "textarea" or "title" ? HtmlEntities.Decode(raw) : raw);
                    }

                    if (end < 0)
                    {
                        yield break;
                    }

                    i = end;
                }
            }
            else
            {
                text.Append('<');
                i++;
            }
        }

        if (text.Length > 0)
        {
            yield return new HtmlToken(HtmlTokenKind.Text, HtmlEntities.Decode(text.ToString()));
        }
    }

    private static HtmlToken ReadTag(string html, ref int i)
    {
        var isEnd = html[i + 1] == '/';
        var nameStart = i + (isEnd ? 2 : 1);
        var j = nameStart;
        while (j < html.Length && !char.IsWhiteSpace(html[j]) && html[j] is not ('>' or '/'))
        {
            j++;
        }

        var name = html[nameStart..j].ToLowerInvariant();
        var selfClosing = false;
        char? quote = null;
        var previous = ' ';
        while (j < html.Length)
        {
            var c = html[j];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'' && previous == '=')
            {
                // Only a quote opening an attribute value quotes; a '>' inside it does not end the tag.
                quote = c;
            }
            else if (c == '>')
            {
                selfClosing = previous == '/';
                j++;
                break;
            }

            if (!char.IsWhiteSpace(c))
            {
                previous = c;
            }

            j++;
        }

        i = j;
        return new HtmlToken(isEnd ? HtmlTokenKind.EndTag : HtmlTokenKind.StartTag, name, selfClosing);
    }

    private static int IndexOfEndTag(string html, int from, string name)
    {
        var at = from;
        while (true)
        {
            at = html.IndexOf("</", at, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            var after = at + 2 + name.Length;
            if (string.Compare(html, at + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (after >= html.Length || html[after] is '>' or '/' || char.IsWhiteSpace(html[after])))
            {
                return at;
            }

            at += 2;
        }
    }

    private static bool StartsWith(string html, int at, string prefix) =>
        string.CompareOrdinal(html, at, prefix, 0, prefix.Length) == 0;

    private static int SkipPast(string html, int from, string terminator)
    {
        var end = html.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? html.Length : end + terminator.Length;
    }
}
