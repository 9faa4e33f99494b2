using System.Collections.Frozen;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Page furniture: menus, buttons, cookie and sign-up text, disclaimers, footers, and the one-line blurbs some
/// sites print under every section heading. Furniture is never content; a "stop" line (FAQs, contact forms,
/// footers) also ends the section above it, so nothing after it is taken as that section's value.
/// </summary>
internal static class PageFurniture
{
    private static readonly FrozenSet<string> Lines = Keys(
        "Menu", "Image", "Loading", "Loading...", "Powered by AI", "Sign up", "Log in", "Login", "Register", "Share", "Print",
        "Save", "Back to top", "Back to search results", "Skip to main content", "Accept all cookies", "Reject all", "Cookie settings",
        "Clinical trials", "Trials by location", "Study Details", "Tabular View", "No Results Posted", "Results Posted",
        "How to Read a Study Record", "Disclaimer", "Investigator Avatar", "Primary Contact", "Send a message", "Other language",
        "Other languages supported", "First name", "Last name", "Email", "Phone number", "Show more", "Show less", "Read more",
        "See all", "View all", "Subscribe", "Home", "Search", "Contact us", "Privacy policy", "Terms of use", "Cookie policy", "Legal notice", "Imprint",
        "Accessibility", "Sitemap", "Mentions légales", "Accueil", "Rechercher", "Plan du site");

    private static readonly string[] LinePrefixes =
    [
        "the safety and scientific validity of this study", "choosing to participate in a study", "to learn more about this study",
        "please refer to this study by its", "listing a study does not mean", "know the risks and potential benefits",
        "we have submitted the contact information", "would you like to be notified", "enter your contact details",
        "find clinical trials", "data sourced from", "this site uses cookies", "we use cookies", "by clicking accept",
        "the study team has not published", "check back later", "select a piece of text", "add notes visible only",
        "send it to people through", "abc select a piece",
    ];

    private static readonly string[] StopPrefixes =
    [
        "faqs", "faq", "frequently asked questions", "learn more about clinical trials", "step 1 get in touch", "send a message",
        "add a private note", "copyright", "all rights reserved", "data sourced from", "find clinical trials",
        "sign up for patient notification", "subscribe to", "related articles", "share this trial", "terms of use",
    ];

    // Section blurbs start with an imperative addressed to the reader ("Review the ...", "Explore ...").
    private static readonly string[] BlurbOpeners =
    [
        "get a", "review", "explore", "see the", "understand", "learn about", "check the", "meet the", "identify the",
        "reach out", "find local", "find out", "dive into", "additional clinical trials", "discover", "browse", "read the",
    ];

    public static bool IsFurniture(PageLine line) => IsFurniture(line, TextKey.Of(line.Content));

    public static bool IsStop(PageLine line) => IsStop(line, TextKey.Of(line.Content));

    /// <param name="contentKey">The <see cref="TextKey"/> of the line's content, when the caller has it: the splitter
    /// asks both questions of nearly every line, and the key of a long paragraph is not free.</param>
    public static bool IsFurniture(PageLine line, string contentKey)
    {
        if (contentKey.Length == 0)
        {
            // A line of pipes, "![]()" image stubs or punctuation only.
            return !line.IsBlank;
        }

        return Lines.Contains(contentKey) || StartsWithAny(contentKey, LinePrefixes) || IsStop(line, contentKey);
    }

    public static bool IsStop(PageLine line, string contentKey) =>
        line.Text.StartsWith('©') || StartsWithAny(contentKey, StopPrefixes);

    /// <summary>The sentence a site prints under a heading to describe it; only the first line under a heading can be one.</summary>
    public static bool IsBlurb(PageLine line)
    {
        if (line.Marker != ListMarker.None || !line.Text.EndsWith('.'))
        {
            return false;
        }

        var key = TextKey.Of(line.Text);
        return BlurbOpeners.Any(o => key.StartsWith(o + " ", StringComparison.Ordinal));
    }

    private static bool StartsWithAny(string key, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static FrozenSet<string> Keys(params string[] lines) => lines.Select(l => TextKey.Of(l)).ToFrozenSet(StringComparer.Ordinal);
}
