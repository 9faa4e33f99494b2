using System.Collections.Frozen;
using System.Text.RegularExpressions;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Page furniture, recognised by shape and position rather than by phrases of particular sites:
/// <list type="bullet">
/// <item>controls: a short line that is a UI action (share, print, save, sign in, back to..., skip to..., show more),
/// an image placeholder ("Image", "Sponsor logo", "Investigator avatar"), a form field ("Email*"), a loading line;</item>
/// <item>consent: any short line about cookies or consent preferences;</item>
/// <item>breadcrumbs: "Home &gt; Trials &gt; ..." (short segments joined by &gt;, › or »), and menus laid out on one
/// line ("About us   Research   Contact", "Home | Search | FAQ | Login");</item>
/// <item>reader-address lines outside the summary and eligibility text: a sentence to "you" about the page's own
/// machinery (contacting, signing up, being notified, referring to "this study");</item>
/// <item>attribution ("Data sourced from ...", "Powered by ...");</item>
/// <item>navigation runs: three or more short link-like lines in a row near the top of the page, or just above its
/// footer (<see cref="NavigationLines"/>).</item>
/// </list>
/// A stop line (footer: ©, copyright, legal links; FAQs; a "Step 1" contact wizard; related items) also ends the
/// section above it, so nothing after it is taken as that section's value.
/// </summary>
internal static partial class PageFurniture
{
    // A line that is only one of these words is a control ("Share", "Print", "Menu").
    private static readonly FrozenSet<string> ControlWordsAlone = new[]
    {
        "home", "search", "next", "previous", "back", "close", "hide", "expand", "collapse", "menu", "loading", "register",
        "share", "print", "save", "download", "bookmark", "subscribe", "tweet", "accept", "reject", "decline", "deny", "login",
        "logout", "toggle", "more", "less", "filter", "filters", "sort", "cancel", "submit", "ok", "got it", "dismiss", "top",
    }.ToFrozenSet(StringComparer.Ordinal);

    // UI actions that may take a short object ("Back to results", "Skip to main content", "Sign in").
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ControlWordsAloneLookup = ControlWordsAlone.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] ControlOpeners =
    [
        "share this", "share on", "share via", "print this", "print page", "save this", "save to", "email this", "copy link",
        "sign in", "sign up", "sign out", "log in", "log out", "back to", "skip to", "skip navigation", "show more", "show less",
        "show all", "read more", "read less", "see more", "see all", "see less", "view all", "view more", "view less", "view on",
        "expand all", "collapse all", "go to", "go back", "return to", "jump to", "scroll to", "send a message", "send message",
        "manage preferences", "manage cookies", "allow all", "accept all", "reject all", "add to", "download the", "download pdf",
    ];

    private static readonly FrozenSet<string> PlaceholderWords = new[] { "image", "icon", "logo", "avatar", "photo", "picture", "thumbnail" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PlaceholderLookup = PlaceholderWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // Words by which a sentence to "you" is about the site itself rather than the trial.
    private static readonly string[] MachineryWords =
    [
        "this study", "this trial", "this page", "this site", "this website", "contact", "notified", "notification", "sign up",
        "subscribe", "click", "select", "newsletter", "passcode", "email", "link", "website", "survey", "feedback", "account",
    ];

    private static readonly string[] AttributionOpeners = ["data sourced from", "source data from", "powered by", "data provided by", "last synced"];

    private static readonly string[] StopOpeners =
    [
        "copyright", "all rights reserved", "privacy policy", "terms of use", "terms of service", "terms and conditions", "cookie policy",
        "legal notice", "legal notices", "imprint", "impressum", "mentions legales", "accessibility statement", "sitemap", "site map",
        "faq", "faqs", "frequently asked questions", "related articles", "related news", "share this", "subscribe to",
    ];

    // Section blurbs start with an imperative addressed to the reader ("Review the ...", "Explore ...").
    private static readonly string[] BlurbOpeners =
    [
        "get a", "review", "explore", "see the", "understand", "learn about", "check the", "meet the", "identify the",
        "reach out", "find local", "find out", "dive into", "discover", "browse", "read the", "additional",
    ];

    private const int ControlWords = 5;
    private const int MenuEntryWords = 8;

    public static bool IsFurniture(PageLine line) => IsFurniture(line, TextKey.Of(line.Content));

    public static bool IsStop(PageLine line) => IsStop(line, TextKey.Of(line.Content));

    /// <param name="contentKey">The <see cref="TextKey"/> of the line's content, when the caller has it: the splitter
    /// asks both questions of nearly every line, and the key of a long paragraph is not free.</param>
    public static bool IsFurniture(PageLine line, ReadOnlySpan<char> contentKey)
    {
        if (contentKey.Length == 0)
        {
            // A line of pipes, "![]()" image stubs or punctuation only.
            return !line.IsBlank;
        }

        var words = TextKey.WordCount(contentKey);
        return IsControl(line, contentKey, words) || IsPlaceholder(contentKey, words) || IsFormField(line, words) || IsConsent(contentKey, words)
            || IsBreadcrumb(line.Content) || IsMenuRow(line.Content) || StartsWithAny(contentKey, AttributionOpeners) || IsStop(line, contentKey);
    }

    // "About us   Research   Patients   Contact", "Home | Search | Register Trial | FAQ | Login": a menu laid out on
    // one line, its entries apart by wide spaces, tabs or pipes; every entry a few words without digits.
    private static bool IsMenuRow(string text)
    {
        var spaced = text.Contains("   ", StringComparison.Ordinal) || text.Contains('\t', StringComparison.Ordinal) ? MenuGap().Split(text.Trim()) : [text];
        if (spaced.Length >= 3)
        {
            // Spaced entries may carry a phone number or an opening time ("Call 646-497-9064"), but most are links.
            return spaced.All(e => e.Trim().Split(' ').Length <= MenuEntryWords) && spaced.Count(IsMenuEntry) * 2 > spaced.Length
                && !spaced.Any(e => StatusNormalizer.TryParse(e.Trim(), out _) || PhaseNormalizer.TryParse(e.Trim(), out _));
        }

        if (text.AsSpan().Count('|') < 3)
        {
            return false;
        }

        var piped = text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return piped.Length >= 4 && piped.All(IsMenuEntry);
    }

    [GeneratedRegex(@" {3,}|\t")]
    private static partial Regex MenuGap();

    private static bool IsMenuEntry(string entry)
    {
        var trimmed = entry.Trim();
        return trimmed.Length > 0 && trimmed.Split(' ').Length <= MenuEntryWords && !trimmed.Any(char.IsAsciiDigit) && trimmed.IndexOfAny([',', ';', '.']) < 0
            && !StatusNormalizer.TryParse(trimmed, out _) && !PhaseNormalizer.TryParse(trimmed, out _);
    }

    /// <summary>A sentence to the reader ("you", or a "Please ..." request) about the site or the page's own record
    /// ("Would you like to be notified...?", "Please refer to this study by its identifier"); not applied to the
    /// summary or eligibility text, where patient-facing sites address the reader about the trial.</summary>
    public static bool IsReaderAddress(PageLine line, ReadOnlySpan<char> contentKey)
    {
        if (TextKey.WordCount(contentKey) < 5
            || !(TextKey.HasWord(contentKey, "you") || TextKey.HasWord(contentKey, "your") || contentKey.StartsWith("please ", StringComparison.Ordinal)))
        {
            return false;
        }

        foreach (var words in MachineryWords)
        {
            if (contentKey.Contains(words, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsStop(PageLine line, ReadOnlySpan<char> contentKey) =>
        line.Text.StartsWith('©') || StartsWithAny(contentKey, StopOpeners) || IsWizardStep(contentKey);

    /// <summary>The sentence a site prints under a heading to describe it; only the first line under a heading can be one.</summary>
    public static bool IsBlurb(PageLine line)
    {
        if (line.Marker != ListMarker.None || !line.Text.EndsWith('.'))
        {
            return false;
        }

        var key = TextKey.Of(line.Text);
        return BlurbOpeners.Any(o => key.Length > o.Length && key[o.Length] == ' ' && key.StartsWith(o, StringComparison.Ordinal));
    }

    // Words apart by spaces, however many.
    private static int WordsApart(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            count += text[i] != ' ' && (i == 0 || text[i - 1] == ' ') ? 1 : 0;
        }

        return count;
    }

    private static bool IsControl(PageLine line, ReadOnlySpan<char> key, int words) =>
        words <= ControlWords && !line.Content.Contains(':', StringComparison.Ordinal) && !line.Content.EndsWith('.')
        && (ControlWordsAloneLookup.Contains(key) || StartsWithAny(key, ControlOpeners))
        && !StatusNormalizer.TryParse(line.Content, out _);

    // "Image", "Sponsor logo", "Investigator Avatar": a placeholder a page shows in place of a picture.
    private static bool IsPlaceholder(ReadOnlySpan<char> key, int words) => words <= 3 && PlaceholderLookup.Contains(key[(key.LastIndexOf(' ') + 1)..]);

    // "First name*", "Email *": a required form field.
    private static bool IsFormField(PageLine line, int words) => words <= 4 && line.Content.TrimEnd().EndsWith('*');

    private static bool IsConsent(ReadOnlySpan<char> key, int words) =>
        words <= 40 && (TextKey.HasWord(key, "cookie") || TextKey.HasWord(key, "cookies") || key.StartsWith("consent preferences", StringComparison.Ordinal)
            || key.StartsWith("privacy preferences", StringComparison.Ordinal));

    // "Home > Clinical trials > NCT01234567", "Trials › Oncology › Breast".
    private static bool IsBreadcrumb(string text)
    {
        if (text.AsSpan().IndexOfAny('>', '›', '»') < 0 && !text.Contains(" / ", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.Split(['>', '›', '»'], StringSplitOptions.TrimEntries);
        if (parts.Length < 2 && text.Contains(" / ", StringComparison.Ordinal))
        {
            // "Home / Trial Display": a slash separates crumbs only after the site's home.
            parts = text.Split('/', StringSplitOptions.TrimEntries);
            return parts.Length >= 2 && TextKey.Of(parts[0]) is "home" or "accueil" or "startseite" or "inicio" && parts.All(p => p.Length > 0 && p.Split(' ').Length <= 8);
        }

        if (parts.Length < 2 || parts.Any(p => p.Length == 0 || p.Split(' ').Length > 8) || text.Length > 200)
        {
            return false;
        }

        var first = TextKey.Of(parts[0]);
        return first is "home" or "accueil" or "startseite" or "inicio" or "start"
            || (parts.Length >= 3 && parts.All(p => char.IsUpper(p[0])));
    }

    // "Step 1 Get in touch with the nearest study center": a contact wizard, not part of the trial's record.
    private static bool IsWizardStep(ReadOnlySpan<char> key) =>
        key.StartsWith("step 1 ", StringComparison.Ordinal) || key.StartsWith("step one ", StringComparison.Ordinal);

    private static bool StartsWithAny(ReadOnlySpan<char> key, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && (key.Length == prefix.Length || key[prefix.Length] == ' '))
            {
                return true;
            }
        }

        return false;
    }
}
