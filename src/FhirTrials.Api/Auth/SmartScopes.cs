namespace FhirTrials.Api.Auth;

/// <summary>What a SMART scope lets a client do with a resource type: read by id (<c>r</c>) or search (<c>s</c>).</summary>
[Flags]
public enum SmartAccess
{
    None = 0,
    Read = 1,
    Search = 2,
}

/// <summary>
/// The system-level SMART scopes of a token (SMART App Launch 2.x, section Scopes): v2 <c>system/ResearchStudy.rs</c>
/// (<c>c r u d s</c> in that order, any subset), <c>system/*.rs</c>, and v1 <c>system/ResearchStudy.read</c>,
/// <c>system/*.read</c>, <c>system/*.*</c>. Microsoft Entra ID does not allow <c>/</c> in scope or role values, so
/// its spelling <c>system.ResearchStudy.rs</c> (and <c>system.all.read</c>) counts the same. Patient and user scopes
/// grant nothing here (this server has no patient compartment), nor does a v2 scope with a <c>?</c> query: its
/// narrowing could not be honoured, so it is not widened into the whole type.
/// </summary>
public sealed class SmartScopes
{
    private readonly Dictionary<string, SmartAccess> _byType = new(StringComparer.Ordinal);
    private SmartAccess _anyType;

    private SmartScopes()
    {
    }

    public static SmartScopes Parse(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var parsed = new SmartScopes();
        foreach (var scope in scopes.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (TryParse(scope, out var type, out var access))
            {
                if (type == "*")
                {
                    parsed._anyType |= access;
                }
                else
                {
                    parsed._byType[type] = parsed._byType.GetValueOrDefault(type) | access;
                }
            }
        }

        return parsed;
    }

    public bool Allows(string resourceType, SmartAccess access) =>
        ((_anyType | _byType.GetValueOrDefault(resourceType)) & access) == access;

    /// <summary>One scope as (type or <c>*</c>, access); false for anything that grants no read or search here.</summary>
    public static bool TryParse(string scope, out string resourceType, out SmartAccess access)
    {
        ArgumentNullException.ThrowIfNull(scope);
        resourceType = "";
        access = SmartAccess.None;
        string rest;
        if (scope.StartsWith("system/", StringComparison.Ordinal) || scope.StartsWith("system.", StringComparison.Ordinal))
        {
            rest = scope["system/".Length..];
        }
        else
        {
            return false;
        }

        var dot = rest.LastIndexOf('.');
        if (dot <= 0 || rest.Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        var type = rest[..dot];
        type = type == "all" ? "*" : type;
        if (type != "*" && !IsTypeName(type))
        {
            return false;
        }

        access = Permissions(rest[(dot + 1)..]);
        resourceType = type;
        return access != SmartAccess.None;
    }

    private static SmartAccess Permissions(string text) => text switch
    {
        "read" or "*" => SmartAccess.Read | SmartAccess.Search,
        "write" => SmartAccess.None,
        _ => V2Permissions(text),
    };

    /// <summary>v2 permissions: letters of <c>cruds</c>, each at most once and in that order.</summary>
    private static SmartAccess V2Permissions(string text)
    {
        const string Order = "cruds";
        var position = -1;
        var access = SmartAccess.None;
        foreach (var letter in text)
        {
            var index = Order.IndexOf(letter, StringComparison.Ordinal);
            if (index <= position)
            {
                return SmartAccess.None;
            }

            position = index;
            access |= letter switch
            {
                'r' => SmartAccess.Read,
                's' => SmartAccess.Search,
                _ => SmartAccess.None,
            };
        }

        return access;
    }

    private static bool IsTypeName(string type) =>
        type.Length is > 0 and <= 64 && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetterOrDigit);
}
