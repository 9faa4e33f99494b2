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
    public static T RemoveFrom<T>(T node) where T : Base
    {
        foreach (var (_, value) in node.EnumerateElements().ToList())
        {
            switch (value)
            {
                case PrimitiveType { JsonValue: string text } primitive when HasBad(text):
                    primitive.JsonValue = Strip(text);
                    break;
                case Base child:
                    RemoveFrom(child);
                    break;
                case IEnumerable<Base> children:
                    foreach (var item in children)
                    {
                        RemoveFrom(item);
                    }

                    break;
                default:
                    break;
            }
        }

        return node;
    }

    private static bool HasBad(string text) => text.Any(IsBad);

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
