using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Contacts as pages print them: cells ("Name, Degree | phone | email"), one line ("Olivier BENVENISTE 0142161699"),
/// or a list ("Dominique Farge, Pr; Jérôme Lambert, Dr"). Names keep their degrees, as written.
/// </summary>
internal static class ContactParser
{
    public static List<Contact> Parse(IReadOnlyList<string> cells, ContactRole role = ContactRole.Contact)
    {
        var contacts = new List<Contact>();
        if (cells.Count > 1)
        {
            var name = cells[0];
            var phone = cells.Skip(1).FirstOrDefault(IsPhone);
            var email = cells.Skip(1).FirstOrDefault(c => c.Contains('@', StringComparison.Ordinal));
            AddNamed(contacts, name, role, phone, email);
            return contacts;
        }

        foreach (var part in cells.Count == 1 ? cells[0].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [])
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            string? email = words.FirstOrDefault(w => w.Contains('@', StringComparison.Ordinal));
            if (email is not null)
            {
                words.Remove(email);
            }

            // A phone number runs from the first word that starts with a digit or '+' to the end.
            var phoneStart = words.FindIndex(w => w.Length > 0 && (char.IsAsciiDigit(w[0]) || w[0] == '+'));
            string? phone = null;
            if (phoneStart > 0 && IsPhone(string.Join(' ', words.Skip(phoneStart)).TrimEnd(',')))
            {
                phone = string.Join(' ', words.Skip(phoneStart)).TrimEnd(',');
                words.RemoveRange(phoneStart, words.Count - phoneStart);
            }

            AddNamed(contacts, string.Join(' ', words), role, phone, email?.Trim('<', '>', ',', '.'));
        }

        return contacts;
    }

    public static bool IsPhone(string text)
    {
        var digits = text.Count(char.IsAsciiDigit);
        return digits >= 6 && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '.' or '(' or ')' or '/');
    }

    private static void AddNamed(List<Contact> contacts, string name, ContactRole role, string? phone, string? email)
    {
        name = name.Trim().TrimEnd(',');
        if (name.Length > 0)
        {
            contacts.Add(new Contact(name, role, phone, Email: email));
        }
    }
}
