using System.Globalization;
using System.Text;

namespace FhirTrials.Core.Fhir.Terminology;

/// <summary>
/// ISO 3166-1 alpha-2 codes for country names as registries write them. The table is the public standard's list of
/// English short names (simplified where the standard adds a parenthesis), plus the other spellings registries use and
/// the names German, French, Spanish and Italian pages print for the countries trials most often run in.
/// </summary>
public static class CountryCodes
{
    // "CODE Name|Alias|Alias" per entry, entries separated by ';'. Kept as data so it reads like the standard's table.
    private const string Table =
        "AD Andorra;AE United Arab Emirates|UAE;AF Afghanistan;AG Antigua and Barbuda;AI Anguilla;AL Albania;" +
        "AM Armenia;AO Angola;AQ Antarctica;AR Argentina|Argentinien|Argentine;AS American Samoa;AT Austria|Österreich|Autriche;AU Australia|Australien|Australie;AW Aruba;" +
        "AX Åland Islands;AZ Azerbaijan;BA Bosnia and Herzegovina|Bosnia;BB Barbados;BD Bangladesh;BE Belgium|Belgien|Belgique|Bélgica|België|Belgio;" +
        "BF Burkina Faso;BG Bulgaria;BH Bahrain;BI Burundi;BJ Benin;BL Saint Barthélemy;BM Bermuda;" +
        "BN Brunei Darussalam|Brunei;BO Bolivia|Bolivia, Plurinational State of;BQ Bonaire, Sint Eustatius and Saba;" +
        "BR Brazil|Brasilien|Brésil|Brasil|Brasile;BS Bahamas;BT Bhutan;BV Bouvet Island;BW Botswana;BY Belarus;BZ Belize;CA Canada|Kanada;" +
        "CC Cocos (Keeling) Islands;CD Congo, The Democratic Republic of the|Democratic Republic of the Congo|DR Congo;" +
        "CF Central African Republic;CG Congo;CH Switzerland|Schweiz|Suisse|Suiza|Svizzera;CI Côte d'Ivoire|Cote d'Ivoire|Ivory Coast;" +
        "CK Cook Islands;CL Chile|Chili;CM Cameroon;CN China|Chine|Cina;CO Colombia|Colombie|Kolumbien;CR Costa Rica;CU Cuba;CV Cabo Verde|Cape Verde;" +
        "CW Curaçao;CX Christmas Island;CY Cyprus;CZ Czechia|Czech Republic|Tschechien|Tchéquie|República Checa|Chequia;DE Germany|Deutschland|Allemagne|Alemania|Germania;DJ Djibouti;DK Denmark|Dänemark|Danemark|Dinamarca|Danmark|Danimarca;" +
        "DM Dominica;DO Dominican Republic;DZ Algeria|Algérie|Argelia|Algerien;EC Ecuador;EE Estonia;EG Egypt|Ägypten|Égypte|Egipto;EH Western Sahara;ER Eritrea;" +
        "ES Spain|Spanien|Espagne|España|Spagna;ET Ethiopia;FI Finland|Finnland|Finlande|Finlandia|Suomi;FJ Fiji;FK Falkland Islands (Malvinas)|Falkland Islands;" +
        "FM Micronesia, Federated States of|Micronesia;FO Faroe Islands;FR France|Frankreich|Francia;GA Gabon;" +
        "GB United Kingdom|UK|U.K.|Great Britain|England|Scotland|Wales|Northern Ireland|Royaume-Uni|Reino Unido|Vereinigtes Königreich|Großbritannien|Grande-Bretagne|Regno Unito;GD Grenada;GE Georgia;" +
        "GF French Guiana;GG Guernsey;GH Ghana;GI Gibraltar;GL Greenland;GM Gambia;GN Guinea;GP Guadeloupe;" +
        "GQ Equatorial Guinea;GR Greece|Griechenland|Grèce|Grecia;GS South Georgia and the South Sandwich Islands;GT Guatemala;GU Guam;" +
        "GW Guinea-Bissau;GY Guyana;HK Hong Kong;HM Heard Island and McDonald Islands;HN Honduras;HR Croatia|Kroatien|Croatie|Croacia;" +
        "HT Haiti;HU Hungary|Ungarn|Hongrie|Hungría|Ungheria;ID Indonesia;IE Ireland|Irland|Irlande|Irlanda;IL Israel|Israël;IM Isle of Man;IN India|Inde|Indien;" +
        "IO British Indian Ocean Territory;IQ Iraq;IR Iran|Iran, Islamic Republic of;IS Iceland;IT Italy|Italien|Italie|Italia;JE Jersey;" +
        "JM Jamaica;JO Jordan;JP Japan|Japon|Japón|Giappone;KE Kenya;KG Kyrgyzstan;KH Cambodia;KI Kiribati;KM Comoros;" +
        "KN Saint Kitts and Nevis;KP Korea, Democratic People's Republic of|North Korea;" +
        "KR Korea, Republic of|South Korea|Republic of Korea|Korea|Corée du Sud|Südkorea|Corea del Sur;KW Kuwait;KY Cayman Islands;KZ Kazakhstan;" +
        "LA Lao People's Democratic Republic|Laos;LB Lebanon;LC Saint Lucia;LI Liechtenstein;LK Sri Lanka;" +
        "LR Liberia;LS Lesotho;LT Lithuania;LU Luxembourg|Luxemburg|Luxemburgo;LV Latvia;LY Libya;MA Morocco|Maroc|Marruecos|Marokko;MC Monaco;" +
        "MD Moldova|Moldova, Republic of;ME Montenegro;MF Saint Martin (French part);MG Madagascar;" +
        "MH Marshall Islands;MK North Macedonia|Macedonia;ML Mali;MM Myanmar|Burma;MN Mongolia;MO Macao|Macau;" +
        "MP Northern Mariana Islands;MQ Martinique;MR Mauritania;MS Montserrat;MT Malta;MU Mauritius;MV Maldives;" +
        "MW Malawi;MX Mexico|Mexiko|Mexique|México|Messico;MY Malaysia;MZ Mozambique;NA Namibia;NC New Caledonia;NE Niger;NF Norfolk Island;" +
        "NG Nigeria;NI Nicaragua;NL Netherlands|The Netherlands|Holland|Niederlande|Pays-Bas|Países Bajos|Nederland|Paesi Bassi;NO Norway|Norwegen|Norvège|Noruega|Norge|Norvegia;NP Nepal;NR Nauru;NU Niue;" +
        "NZ New Zealand;OM Oman;PA Panama;PE Peru|Pérou|Perú;PF French Polynesia;PG Papua New Guinea;PH Philippines;" +
        "PK Pakistan;PL Poland|Polen|Pologne|Polonia|Polska;PM Saint Pierre and Miquelon;PN Pitcairn;PR Puerto Rico;" +
        "PS Palestine, State of|Palestine|Palestinian Territory, Occupied;PT Portugal;PW Palau;PY Paraguay;QA Qatar;" +
        "RE Réunion|Reunion;RO Romania|Rumänien|Roumanie|Rumania;RS Serbia;RU Russian Federation|Russia|Russland|Russie|Rusia;RW Rwanda;SA Saudi Arabia;" +
        "SB Solomon Islands;SC Seychelles;SD Sudan;SE Sweden|Schweden|Suède|Suecia|Sverige|Svezia;SG Singapore;" +
        "SH Saint Helena, Ascension and Tristan da Cunha;SI Slovenia;SJ Svalbard and Jan Mayen;" +
        "SK Slovakia|Slovak Republic;SL Sierra Leone;SM San Marino;SN Senegal;SO Somalia;SR Suriname;" +
        "SS South Sudan;ST Sao Tome and Principe;SV El Salvador;SX Sint Maarten (Dutch part);" +
        "SY Syrian Arab Republic|Syria;SZ Eswatini|Swaziland;TC Turks and Caicos Islands;TD Chad;" +
        "TF French Southern Territories;TG Togo;TH Thailand;TJ Tajikistan;TK Tokelau;TL Timor-Leste|East Timor;" +
        "TM Turkmenistan;TN Tunisia|Tunisie|Túnez|Tunesien;TO Tonga;TR Türkiye|Turkey|Türkei|Turquie|Turquía|Turchia;TT Trinidad and Tobago;TV Tuvalu;" +
        "TW Taiwan|Taiwan, Province of China;TZ Tanzania|Tanzania, United Republic of;UA Ukraine;UG Uganda;" +
        "UM United States Minor Outlying Islands;" +
        "US United States|United States of America|USA|U.S.|U.S.A.|US|Estados Unidos|États-Unis|Vereinigte Staaten|Stati Uniti|EE. UU.|EEUU;UY Uruguay;UZ Uzbekistan;" +
        "VA Holy See (Vatican City State)|Holy See|Vatican;VC Saint Vincent and the Grenadines;" +
        "VE Venezuela|Venezuela, Bolivarian Republic of;VG Virgin Islands, British;VI Virgin Islands, U.S.;" +
        "VN Viet Nam|Vietnam;VU Vanuatu;WF Wallis and Futuna;WS Samoa;YE Yemen;YT Mayotte;ZA South Africa|Südafrika|Afrique du Sud|Sudáfrica;" +
        "ZM Zambia;ZW Zimbabwe";

    private static Dictionary<string, (string Code, string Name)> ByName { get; } = Build();

    /// <summary>The ISO code and standard name for a country as written, or null when it is not a country we know.</summary>
    public static (string Code, string Name)? Find(string? country)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        return ByName.TryGetValue(Key(country), out var found) ? found : null;
    }

    private static Dictionary<string, (string, string)> Build()
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var entry in Table.Split(';'))
        {
            var code = entry[..2];
            var names = entry[3..].Split('|');
            foreach (var name in names)
            {
                map.TryAdd(Key(name), (code, names[0]));
            }

            map.TryAdd(Key(code), (code, names[0]));
        }

        return map;
    }

    // Case, accents, punctuation and a leading "the" do not distinguish country names.
    private static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        var key = builder.ToString().Trim();
        return key.StartsWith("the ", StringComparison.Ordinal) ? key[4..] : key;
    }
}
