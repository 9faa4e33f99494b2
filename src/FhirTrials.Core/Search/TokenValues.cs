using Hl7.Fhir.Model;

namespace FhirTrials.Core.Search;

/// <summary>The <see cref="TokenKeys"/> an element contributes to a token parameter.</summary>
internal static class TokenValues
{
    public static IEnumerable<string> Keys(Base element)
    {
        switch (element)
        {
            case Identifier identifier:
                if (!string.IsNullOrEmpty(identifier.Value))
                {
                    foreach (var key in TokenKeys.ForIndex(identifier.System, identifier.Value))
                    {
                        yield return key;
                    }
                }

                if (identifier.Type?.Text is { Length: > 0 } typeText)
                {
                    yield return TokenKeys.Text(typeText);
                }

                break;
            case ContactPoint contact:
                if (!string.IsNullOrEmpty(contact.Value))
                {
                    foreach (var key in TokenKeys.ForIndex(null, contact.Value))
                    {
                        yield return key;
                    }
                }

                break;
            case FhirBoolean { Value: { } flag }:
                foreach (var key in TokenKeys.ForIndex(null, flag ? "true" : "false"))
                {
                    yield return key;
                }

                break;
            case ICoded coded:
                foreach (var coding in coded.ToCodings())
                {
                    if (!string.IsNullOrEmpty(coding.Code))
                    {
                        foreach (var key in TokenKeys.ForIndex(coding.System, coding.Code))
                        {
                            yield return key;
                        }
                    }

                    if (!string.IsNullOrWhiteSpace(coding.Display))
                    {
                        yield return TokenKeys.Text(coding.Display);
                    }
                }

                if (element is CodeableConcept { Text: { Length: > 0 } text } && !string.IsNullOrWhiteSpace(text))
                {
                    yield return TokenKeys.Text(text);
                }

                break;
            case PrimitiveType primitive when primitive.ToString() is { Length: > 0 } value:
                foreach (var key in TokenKeys.ForIndex(null, value))
                {
                    yield return key;
                }

                break;
        }
    }
}
