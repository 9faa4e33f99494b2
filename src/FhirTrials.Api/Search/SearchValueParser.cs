using FhirTrials.Api.Errors;
using FhirTrials.Api.Rendering;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Search;

/// <summary>
/// Turns one parameter occurrence (<c>name[:modifier]=v1,v2</c>) into a <see cref="SearchClause"/>, per FHIR search
/// type: string (prefix; :exact, :contains), token (code, system|code, |code, system|; :not, :text), reference
/// (Type/id, id, absolute url; :Type), uri (:below) and date (prefixes, partial dates as ranges). :missing for all.
/// </summary>
public static class SearchValueParser
{
    public const int MaxValueLength = 2048;
    public const int MaxValuesPerParameter = 100;

    public static SearchClause Parse(SearchParameterInfo parameter, string? modifier, string rawValue)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(rawValue);
        var name = parameter.Name + (modifier is null ? "" : ":" + modifier);
        if (modifier == "missing")
        {
            return rawValue switch
            {
                "true" => new SearchClause(parameter, modifier, [], Missing: true),
                "false" => new SearchClause(parameter, modifier, [], Missing: false),
                _ => throw FhirException.BadRequest($"{name} must be true or false."),
            };
        }

        var values = SplitValues(rawValue, name);
        return parameter.Type switch
        {
            SearchParamType.String => StringClause(parameter, modifier, values, name),
            SearchParamType.Token => TokenClause(parameter, modifier, values, name),
            SearchParamType.Reference => ReferenceClause(parameter, modifier, values, name),
            SearchParamType.Uri => UriClause(parameter, modifier, values, name),
            SearchParamType.Date => DateClause(parameter, modifier, values, name),
            SearchParamType.Number => MatchSearchValues.Number(parameter, modifier, values, name),
            SearchParamType.Special => MatchSearchValues.Near(parameter, modifier, values, name),
            _ => throw FhirException.NotSupported($"{name}: parameters of type {parameter.Type} are not supported."),
        };
    }

    /// <summary>Splits on commas not escaped by a backslash (FHIR's OR); keeps other escapes for the type parsers.</summary>
    internal static List<string> SplitValues(string raw, string name)
    {
        if (raw.Length > MaxValueLength)
        {
            throw FhirException.BadRequest($"{name}: the value is longer than {MaxValueLength} characters.");
        }

        if (raw.Any(char.IsControl))
        {
            throw FhirException.BadRequest($"{name}: the value holds control characters.");
        }

        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] == ',')
            {
                current.Append(',');
                i++;
            }
            else if (raw[i] == ',')
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(raw[i]);
            }
        }

        values.Add(current.ToString());
        values.RemoveAll(v => v.Length == 0);
        if (values.Count == 0)
        {
            throw FhirException.BadRequest($"{name} has no value.");
        }

        return values.Count > MaxValuesPerParameter
            ? throw FhirException.BadRequest($"{name} has more than {MaxValuesPerParameter} values.")
            : values;
    }

    private static SearchClause StringClause(SearchParameterInfo parameter, string? modifier, List<string> values, string name)
    {
        var folded = values.Select(v => SearchText.Fold(Unescape(v))).ToList();
        if (folded.Any(f => f.Length == 0))
        {
            throw FhirException.BadRequest($"{name}: a value holds no searchable text.");
        }

        return modifier switch
        {
            null => new SearchClause(parameter, modifier, folded.Select(IndexCondition.Prefix).ToList()),
            "exact" => new SearchClause(parameter, modifier, folded.Select(IndexCondition.Exact).ToList(), ExactTexts: values.Select(Unescape).ToList()),
            "contains" => new SearchClause(parameter, modifier, folded.Select(f => IndexCondition.Scan((k, _, _) => k.Contains(f, StringComparison.Ordinal))).ToList()),
            _ => throw UnknownModifier(name, "exact, contains, missing"),
        };
    }

    private static SearchClause TokenClause(SearchParameterInfo parameter, string? modifier, List<string> values, string name)
    {
        if (modifier == "text")
        {
            return new SearchClause(parameter, modifier, values.Select(v => IndexCondition.Prefix(TokenKeys.Text(Unescape(v)))).ToList());
        }

        if (modifier is not null and not "not")
        {
            throw UnknownModifier(name, "not, text, missing");
        }

        var conditions = values.Select(v => IndexCondition.Exact(TokenKey(parameter, v, name))).ToList();
        return new SearchClause(parameter, modifier, conditions, Negated: modifier == "not");
    }

    private static string TokenKey(SearchParameterInfo parameter, string value, string name)
    {
        if (parameter.Name == SearchParameterCatalog.IdParameter)
        {
            return IsValidId(value) ? value : throw FhirException.BadRequest($"{name}: '{SummaryFilter.Shorten(value)}' is not a valid resource id.");
        }

        var bar = UnescapedBar(value);
        if (bar < 0)
        {
            return TokenKeys.AnySystem(Unescape(value));
        }

        var system = Unescape(value[..bar]);
        var code = Unescape(value[(bar + 1)..]);
        if (UnescapedBar(value[(bar + 1)..]) >= 0)
        {
            throw FhirException.BadRequest($"{name}: '{SummaryFilter.Shorten(value)}' is not a token (system|code).");
        }

        return (system.Length, code.Length) switch
        {
            (0, 0) => throw FhirException.BadRequest($"{name}: '|' alone is not a token."),
            (0, _) => TokenKeys.NoSystem(code),
            (_, 0) => TokenKeys.SystemOnly(system),
            _ => TokenKeys.SystemAndCode(system, code),
        };
    }

    private static SearchClause ReferenceClause(SearchParameterInfo parameter, string? modifier, List<string> values, string name)
    {
        if (modifier is not null && !parameter.Targets.Contains(modifier))
        {
            throw UnknownModifier(name, "missing, or a target type: " + string.Join(", ", parameter.Targets.Take(10)));
        }

        var conditions = new List<IndexCondition>();
        foreach (var value in values)
        {
            if (value.Contains('/', StringComparison.Ordinal))
            {
                var key = SearchIndexer.ReferenceKey(new FhirString(value))
                    ?? throw FhirException.BadRequest($"{name}: '{SummaryFilter.Shorten(value)}' is not a reference (Type/id).");
                if (modifier is not null && !key.StartsWith(modifier + "/", StringComparison.Ordinal))
                {
                    throw FhirException.BadRequest($"{name}: '{SummaryFilter.Shorten(value)}' is not a {modifier}.");
                }

                conditions.Add(IndexCondition.Exact(key));
                continue;
            }

            if (!IsValidId(value))
            {
                throw FhirException.BadRequest($"{name}: '{SummaryFilter.Shorten(value)}' is not a valid resource id.");
            }

            // A bare id means any type the parameter may point at; only the types we store can match.
            var types = modifier is not null ? [modifier] : parameter.Targets.Where(SearchParameterCatalog.Supports).ToArray();
            conditions.AddRange(types.Select(t => IndexCondition.Exact(t + "/" + value)));
        }

        return new SearchClause(parameter, modifier, conditions);
    }

    private static SearchClause UriClause(SearchParameterInfo parameter, string? modifier, List<string> values, string name) =>
        modifier switch
        {
            null => new SearchClause(parameter, modifier, values.Select(IndexCondition.Exact).ToList()),
            "below" => new SearchClause(parameter, modifier, values.Select(IndexCondition.Prefix).ToList()),
            _ => throw UnknownModifier(name, "below, missing"),
        };

    private static SearchClause DateClause(SearchParameterInfo parameter, string? modifier, List<string> values, string name)
    {
        if (modifier is not null)
        {
            throw UnknownModifier(name, "missing");
        }

        return new SearchClause(parameter, modifier, values.Select(v => DateConditions.Parse(v, name, instants: parameter.Name == SearchParameterCatalog.LastUpdatedParameter)).ToList());
    }

    internal static bool IsValidId(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static int UnescapedBar(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == '|')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is '\\' or '|' or '$' or ',')
            {
                i++;
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }

    private static FhirException UnknownModifier(string name, string supported) =>
        FhirException.BadRequest($"{name}: unknown or unsupported modifier (supported: {supported}).");
}
