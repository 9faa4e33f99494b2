using System.Buffers;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>Navigation runs: the site's menu lines near the top of a page and its link lines above the footer.</summary>
internal static partial class PageFurniture
{
    private const int NavigationRun = 3;
    private const int LinkWords = 6;
    private const int TopRegion = 30;
    private static readonly SearchValues<char> LinkPunctuation = SearchValues.Create(":;,|(");

    /// <summary>
    /// Lines of navigation runs: three or more consecutive short link-like lines in the first lines of the page, or
    /// the link-like lines right above a footer line.
    /// </summary>
    public static HashSet<int> NavigationLines(IReadOnlyList<PageLine> lines)
    {
        var navigation = new HashSet<int>();
        var run = new List<PageLine>();
        var nonBlank = 0;
        var afterLabel = false;
        var beforeFirstLabel = true;
        foreach (var line in lines)
        {
            if (line.IsBlank)
            {
                continue;
            }

            if (++nonBlank > TopRegion)
            {
                break;
            }

            // Below the first label, only a bulleted run is a menu: plain short lines there are values.
            if (IsLinkLike(line) && (beforeFirstLabel || line.Marker != ListMarker.None))
            {
                run.Add(line);
                continue;
            }

            // Short lines right under a heading ("Conditions", then "Asthma", "COPD") are that heading's list.
            Keep(run, navigation, afterLabel);
            afterLabel = line.Marker == ListMarker.None && IsLabel(line);
            beforeFirstLabel &= !afterLabel && !line.Text.Contains(':', StringComparison.Ordinal);
        }

        Keep(run, navigation, afterLabel);

        // Above the footer: the site's link lines ("Clinical trials", "Data sourced from ..."), never a list's items.
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Text.StartsWith('©') || (!lines[i].IsBlank && TextKey.StartsWith(lines[i].Content, "copyright")))
            {
                for (var k = i - 1; k >= 0 && (lines[k].IsBlank || (lines[k].Marker == ListMarker.None && (IsLinkLike(lines[k]) || IsFurniture(lines[k])))); k--)
                {
                    navigation.Add(lines[k].Number);
                }
            }
        }

        return navigation;
    }

    private static bool IsLabel(PageLine line)
    {
        var colon = line.Text.IndexOf(':', StringComparison.Ordinal);
        return LabelDictionary.TryMatch(colon > 0 ? line.Text.AsSpan(0, colon) : line.Text, out _);
    }

    private static void Keep(List<PageLine> run, HashSet<int> navigation, bool afterLabel)
    {
        if (run.Count >= NavigationRun && !afterLabel)
        {
            navigation.UnionWith(run.Select(l => l.Number));
        }

        run.Clear();
    }

    // A menu entry: a few words, no digits or sentence punctuation, and nothing the reader would read as a value or label.
    private static bool IsLinkLike(PageLine line)
    {
        var text = line.Content;
        return text.Length is > 0 and <= 40 && WordsApart(text) <= LinkWords && !text.AsSpan().ContainsAnyInRange('0', '9') && !IsStop(line)
            && text.AsSpan().IndexOfAny(LinkPunctuation) < 0 && !text.EndsWith('.') && !text.EndsWith('?')
            && !UnlabelledValueRecognizer.IsKnownValue(text) && !PageVocabulary.IsCountry(text) && !PageVocabulary.LooksLikeOrganisation(text)
            && (line.Marker != ListMarker.None || !LabelDictionary.TryMatch(text, out _));
    }
}
