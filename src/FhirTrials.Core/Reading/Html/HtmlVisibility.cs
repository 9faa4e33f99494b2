using System.Collections.Frozen;
using AngleSharp.Dom;

namespace FhirTrials.Core.Reading.Html;

/// <summary>
/// What of a page is not its text: elements a browser never shows (head, scripts, styles, templates), code and
/// embedded objects, page furniture (navigation, footers, dialogs), form controls, and content the page itself
/// hides (the <c>hidden</c> attribute, <c>aria-hidden="true"</c>, an inline <c>display: none</c> or
/// <c>visibility: hidden</c>). Style sheets are never read: a page that hides text from its style sheet shows it here.
/// </summary>
internal static class HtmlVisibility
{
    private static readonly FrozenSet<string> NeverContent = new[]
    {
        "head", "title", "script", "style", "noscript", "template", "iframe", "object", "canvas", "svg", "math",
        "nav", "footer", "dialog", "button", "select", "option", "optgroup", "datalist", "textarea", "output",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <param name="inForm">Inside a form, a &lt;label&gt; names a control: it is form furniture, not page text.</param>
    public static bool IsHidden(IElement element, bool inForm)
    {
        var name = element.LocalName;
        if (NeverContent.Contains(name) || (inForm && name == "label"))
        {
            return true;
        }

        // Most elements carry no attribute at all.
        if (element.Attributes.Length == 0)
        {
            return false;
        }

        return element.HasAttribute("hidden")
            || string.Equals(element.GetAttribute("aria-hidden")?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            || (element.GetAttribute("style") is { } style && HidesByStyle(style));
    }

    /// <summary>An inline style that hides its element: "display: none", "visibility: hidden" or "collapse".</summary>
    public static bool HidesByStyle(string style)
    {
        foreach (var declaration in style.Split(';'))
        {
            var colon = declaration.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var property = declaration.AsSpan(0, colon).Trim();
            var value = declaration.AsSpan(colon + 1).Trim();
            var important = value.IndexOf('!');
            if (important >= 0)
            {
                value = value[..important].TrimEnd();
            }

            if ((property.Equals("display", StringComparison.OrdinalIgnoreCase) && value.Equals("none", StringComparison.OrdinalIgnoreCase))
                || (property.Equals("visibility", StringComparison.OrdinalIgnoreCase)
                    && (value.Equals("hidden", StringComparison.OrdinalIgnoreCase) || value.Equals("collapse", StringComparison.OrdinalIgnoreCase))))
            {
                return true;
            }
        }

        return false;
    }
}
