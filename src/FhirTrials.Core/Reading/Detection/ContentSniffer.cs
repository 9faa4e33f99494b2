using System.Text.RegularExpressions;

namespace FhirTrials.Core.Reading.Detection;

internal enum ContentKind
{
    Empty,
    Json,
    ClinicalStudyXml,
    OtherXml,
    Html,
    Text,
}

/// <summary>Tells JSON, CT.gov XML, HTML and plain text apart from the start of the decoded text.</summary>
internal static partial class ContentSniffer
{
    private const int SampleLength = 64 * 1024;

    private static readonly System.Buffers.SearchValues<char> NameEnd = System.Buffers.SearchValues.Create(" \t\r\n/>");

    private static readonly HashSet<string> HtmlRoots = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "div", "p", "table", "section", "main", "article", "header", "nav", "ul", "ol",
        "h1", "h2", "h3", "h4", "h5", "h6", "span", "a", "meta", "link", "title", "script", "style", "form", "br",
    };

    /// <returns>The kind of content, and for XML that is not a CT.gov record its root element name.</returns>
    public static (ContentKind Kind, string? RootName) Sniff(ReadOnlySpan<char> text)
    {
        var sample = text[..Math.Min(text.Length, SampleLength)].TrimStart(" \t\r\n\f\uFEFF");
        if (sample.IsEmpty)
        {
            return (ContentKind.Empty, null);
        }

        if (LooksLikeJson(sample))
        {
            return (ContentKind.Json, null);
        }

        if (sample[0] == '<')
        {
            var root = RootElement(sample, out var htmlDoctype);
            if (htmlDoctype || (root is not null && HtmlRoots.Contains(root)))
            {
                return (ContentKind.Html, null);
            }

            if (string.Equals(root, "clinical_study", StringComparison.Ordinal))
            {
                return (ContentKind.ClinicalStudyXml, null);
            }

            if (root is not null && !sample.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && BlockTags().Count(sample) >= 3)
            {
                return (ContentKind.Html, null);
            }

            return (ContentKind.OtherXml, root);
        }

        // Page text pasted with its markup still in it.
        return BlockTags().Count(sample) >= 5 ? (ContentKind.Html, null) : (ContentKind.Text, null);
    }

    private static bool LooksLikeJson(ReadOnlySpan<char> sample)
    {
        if (sample[0] is not ('{' or '['))
        {
            return false;
        }

        // "[Skip to content]" starts many copied pages; JSON continues with a quote, a value or a bracket.
        var next = sample[1..].TrimStart(" \t\r\n");
        return next.IsEmpty || (sample[0] == '{'
            ? next[0] is '"' or '}'
            : next[0] is '{' or '[' or '"' or ']' or '-' or (>= '0' and <= '9') || next.StartsWith("true") || next.StartsWith("false") || next.StartsWith("null"));
    }

    /// <summary>Name of the first element after the XML declaration, comments and DOCTYPE.</summary>
    private static string? RootElement(ReadOnlySpan<char> sample, out bool htmlDoctype)
    {
        htmlDoctype = false;
        var rest = sample;
        while (!rest.IsEmpty && rest[0] == '<')
        {
            if (rest.StartsWith("<?") || rest.StartsWith("<!--") || rest.StartsWith("<!"))
            {
                if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
                {
                    var doctype = rest[9..].TrimStart();
                    htmlDoctype = doctype.StartsWith("html", StringComparison.OrdinalIgnoreCase) && (doctype.Length == 4 || !char.IsLetterOrDigit(doctype[4]) && doctype[4] != '_');
                }

                var close = rest.StartsWith("<!--") ? rest.IndexOf("-->") + 3 : SkipDeclaration(rest);
                if (close < 3 || htmlDoctype)
                {
                    return null;
                }

                rest = rest[close..].TrimStart(" \t\r\n\f");
                continue;
            }

            var nameEnd = rest[1..].IndexOfAny(NameEnd);
            return nameEnd <= 0 ? null : rest.Slice(1, nameEnd).ToString();
        }

        return null;
    }

    // A DOCTYPE may hold an internal subset in brackets with '>' inside it.
    private static int SkipDeclaration(ReadOnlySpan<char> rest)
    {
        var depth = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case '>' when depth <= 0:
                    return i + 1;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"<(?:p|div|li|td|th|tr|h[1-6]|br|table|ul|ol|section|article|span|a)[\s>/]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTags();
}
