using System.Buffers;
using System.Text;
using System.Xml;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Removes the control characters FHIR strings cannot hold (and XML cannot carry) from every string of a resource.
/// Copied pages bring them in; one pass over the finished resource is surer than remembering it at every field.
/// </summary>
internal static class ControlCharacters
{
    // Every bad char of the BMP, so a clean string (nearly all of them) is checked by one vectorised search.
    private static readonly SearchValues<char> Bad =
        SearchValues.Create([.. Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(i => (char)i).Where(IsBad)]);

    public static T RemoveFrom<T>(T node) where T : Base
    {
        Clean(node);
        return node;
    }

    private static void Clean(Base node)
    {
        if (node is PrimitiveType primitive)
        {
            // An Instant formats its date to text on every read, and a date has no control character to clean.
            if (primitive is not Instant && primitive.JsonValue is string text && text.AsSpan().ContainsAny(Bad))
            {
                primitive.JsonValue = Strip(text);
            }

            // Most primitives have no id or extension: enumerating their elements only to find none was most of the
            // mapper's allocations.
            if (!primitive.HasElements)
            {
                return;
            }
        }

        // Enumerated live: a change touches a child's value, never the set of elements being enumerated.
        foreach (var (_, value) in node.EnumerateElements())
        {
            switch (value)
            {
                case Base child:
                    Clean(child);
                    break;
                case IEnumerable<Base> children:
                    foreach (var item in children)
                    {
                        Clean(item);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static bool IsBad(char c) => (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || (!char.IsSurrogate(c) && !XmlConvert.IsXmlChar(c));

    private static string Strip(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !IsBad(c)))
        {
            builder.Append(c);
        }

        return builder.ToString();
    }
}
