using System.Globalization;
using System.Text;
using Crm.Rules.Satisfaction;

namespace Crm.Rules.DataQuality;

/// <summary>The parts of a customer id, or why it is not one (DATA-1).</summary>
/// <param name="Id">The id checked.</param>
/// <param name="IsValid">Whether it follows the format.</param>
/// <param name="Industry">The industry abbreviation, when valid.</param>
/// <param name="Year">The year, when valid.</param>
/// <param name="Sequence">The sequence number, when valid.</param>
/// <param name="Problem">Why it is not valid, otherwise <see langword="null"/>.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record CustomerIdCheck(string Id, bool IsValid, string? Industry, int? Year, int? Sequence, string? Problem, string Fingerprint)
{
    /// <summary>The check as text: <c>RT2024001: valid (RT, 2024, 1)</c> or the problem.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsValid ? $"{Id}: valid ({Industry}, {Year}, {Sequence})" : $"{Id}: invalid, {Problem}";
}

/// <summary>A record's missing key fields (DATA-2).</summary>
/// <param name="RecordId">The record's id.</param>
/// <param name="MissingFields">The key fields that are missing or blank.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record RecordCompleteness(string RecordId, IReadOnlyList<string> MissingFields, string Fingerprint)
{
    /// <summary>Whether every key field is filled.</summary>
    public bool IsComplete => MissingFields.Count == 0;

    /// <summary>The check as text: <c>r1: complete</c> or <c>r1: missing name, coreNeed</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsComplete ? $"{RecordId}: complete" : $"{RecordId}: missing {string.Join(", ", MissingFields)}";
}

/// <summary>Completeness of a set of records against the target (DATA-2).</summary>
/// <param name="Records">Each record's missing fields.</param>
/// <param name="Kpi">Complete records / all records, against the completeness target.</param>
/// <param name="MissingByField">How many records miss each key field.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record CompletenessReport(IReadOnlyList<RecordCompleteness> Records, KpiCheck Kpi, IReadOnlyDictionary<string, int> MissingByField, string Fingerprint)
{
    /// <summary>The report as text: the KPI and the missing count of every key field.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Kpi}; missing: {string.Join(", ", MissingByField.Select(m => $"{m.Key} {m.Value}"))}";
}

/// <summary>The compiled data quality and privacy rules (DATA-1 … DATA-3).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class DataQualityRules
{
    private readonly CustomerIdFormat _customerId;
    private readonly PhoneMask _phoneMask;
    private readonly EmailMask _emailMask;
    private readonly PersonalMask _personalMask;
    private readonly HashSet<string> _personal;
    private readonly decimal _completenessTarget;

    // The missing key fields of a record, as one read-only list per set shared by every record missing that set (made
    // once, when there are at most SharedSetFields key fields: 2^8 lists), not a list and an array per record.
    private const int SharedSetFields = 8;
    private readonly IReadOnlyList<string>[]? _missingSets;

    // The key fields as the array they are: every assessed record asks for each, and a Native AOT build calls through
    // the interface for every element of an IReadOnlyList.
    private readonly string[] _keyFields;

    internal DataQualityRules(DataQualityOptions options, SatisfactionRules kpis, string fingerprint)
    {
        Fingerprint = fingerprint;
        _keyFields = options.KeyFields.ToArray();
        KeyFields = _keyFields;
        _missingSets = KeyFields.Count <= SharedSetFields ? ReadOnlySubsets.Of(KeyFields) : null;
        var id = options.CustomerId;
        // Validation lets a null list through as "any industry", like an empty one (a list can only be null from code).
        _customerId = new CustomerIdFormat(id.IndustryLetters, id.SequenceDigits, [.. id.Industries ?? []]);
        _phoneMask = new PhoneMask(options.PhoneMask.KeepStart, options.PhoneMask.KeepEnd, options.PhoneMask.MaskCharacter[0]);
        _emailMask = new EmailMask(options.EmailMask.KeepStart, options.EmailMask.KeepDomain, options.EmailMask.Mask);
        _personalMask = new PersonalMask(options.PersonalMask.KeepStart, options.PersonalMask.Mask);
        PersonalFields = options.PersonalFields.ToArray();
        _personal = new HashSet<string>(PersonalFields, StringComparer.Ordinal);
        _completenessTarget = kpis.Target(Kpis.DataCompleteness);
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The key fields (DATA-2).</summary>
    public IReadOnlyList<string> KeyFields { get; }

    /// <summary>The fields that hold personal data, in the configured order (DATA-3).</summary>
    public IReadOnlyList<string> PersonalFields { get; }

    /// <summary>Whether the configuration marks a field personal (DATA-3): its values are masked with <see cref="MaskPersonal"/>.</summary>
    /// <param name="field">The field's exact, case-sensitive name.</param>
    /// <returns><see langword="true"/> for a personal field.</returns>
    public bool IsPersonal(string field) => _personal.Contains(field);

    /// <summary>Checks a customer id: industry letters + 4-digit year + zero-padded sequence (DATA-1).</summary>
    /// <param name="id">The id, e.g. <c>RT2024001</c>.</param>
    /// <returns>Its parts, or the problem.</returns>
    public CustomerIdCheck CheckCustomerId(string? id)
    {
        var format = _customerId;
        var length = format.IndustryLetters + 4 + format.SequenceDigits;
        if (string.IsNullOrEmpty(id) || id.Length != length)
        {
            return Invalid($"must be {length} characters: {format.IndustryLetters} capital letters, a 4-digit year and a {format.SequenceDigits}-digit sequence ({Example()})");
        }

        var letters = id.AsSpan(0, format.IndustryLetters);
        if (letters.ContainsAnyExceptInRange('A', 'Z'))
        {
            return Invalid($"'{letters}' is not {format.IndustryLetters} capital letters ({Example()})");
        }

        // A known industry is the configuration's own string, not a new one per id.
        var industry = format.Industries.Length == 0 ? letters.ToString() : Known(format.Industries, letters);
        if (industry is null)
        {
            return Invalid($"'{letters}' is not a known industry (known: {string.Join(", ", format.Industries)})");
        }

        // Spans, not substrings: a valid id (the usual case) costs the result only, and the industry's string when no industries are configured.
        var digits = id.AsSpan(format.IndustryLetters);
        if (digits.ContainsAnyExceptInRange('0', '9'))
        {
            return Invalid($"'{digits}' must be digits: a 4-digit year and a {format.SequenceDigits}-digit sequence ({Example()})");
        }

        // Only ASCII digits, checked above: their values added up in place, without the general parser's culture and sign.
        var year = DigitsValue(digits[..4]);
        var sequence = DigitsValue(digits[4..]);
        return sequence == 0
            ? Invalid("the sequence starts at 1")
            : new CustomerIdCheck(id, true, industry, year, sequence, null, Fingerprint);

        string Example() => $"e.g. {new string('R', format.IndustryLetters)}2024{new string('0', format.SequenceDigits - 1)}1";

        CustomerIdCheck Invalid(string problem) => new(id ?? "", false, null, null, null, problem, Fingerprint);

        static int DigitsValue(ReadOnlySpan<char> digits)
        {
            var value = 0;
            foreach (var digit in digits)
            {
                value = (value * 10) + (digit - '0');
            }

            return value;
        }

        static string? Known(string[] industries, ReadOnlySpan<char> letters)
        {
            foreach (var known in industries)
            {
                if (letters.SequenceEqual(known))
                {
                    return known;
                }
            }

            return null;
        }
    }

    /// <summary>The next free customer id for an industry and year: one more than the highest sequence in use (DATA-1).</summary>
    /// <param name="industry">The industry abbreviation, e.g. <c>RT</c>.</param>
    /// <param name="year">The year, e.g. 2024.</param>
    /// <param name="existing">The ids in use (invalid ones and other industries or years are ignored).</param>
    /// <returns>The new id, e.g. <c>RT2024002</c>.</returns>
    /// <exception cref="ArgumentException">The industry or year do not fit the format.</exception>
    /// <exception cref="InvalidOperationException">The sequence for that industry and year is used up.</exception>
    public string NextCustomerId(string industry, int year, IEnumerable<string> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var format = _customerId;
        var probe = CheckCustomerId(string.Create(CultureInfo.InvariantCulture, $"{industry}{year:0000}{new string('0', format.SequenceDigits - 1)}1"));
        if (!probe.IsValid || year is < 1000 or > 9999)
        {
            throw new ArgumentException($"industry '{industry}' and year {year} do not make a customer id: {probe.Problem ?? "the year must have 4 digits"}");
        }

        var highest = existing.Select(CheckCustomerId)
            .Where(c => c.IsValid && c.Industry == industry && c.Year == year)
            .Select(c => c.Sequence!.Value)
            .DefaultIfEmpty(0)
            .Max();
        var next = highest + 1;
        var limit = (int)Math.Pow(10, format.SequenceDigits) - 1;
        return next > limit
            ? throw new InvalidOperationException($"the {format.SequenceDigits}-digit sequence of {industry}{year} is used up ({limit} ids)")
            : string.Create(CultureInfo.InvariantCulture, $"{industry}{year:0000}{next.ToString(new string('0', format.SequenceDigits), CultureInfo.InvariantCulture)}");
    }

    /// <summary>The key fields a record misses: absent, null or blank (DATA-2).</summary>
    /// <param name="recordId">The record's id.</param>
    /// <param name="fields">The record's fields.</param>
    /// <returns>The record's completeness.</returns>
    public RecordCompleteness CheckRecord(string recordId, IReadOnlyDictionary<string, string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);

        // A loop by index, not a query nor a foreach over the interface (an enumerator per record): assessments check a
        // record each, and most records miss no key field or the same few.
        if (_missingSets is { } sets)
        {
            var set = 0;
            var keyFields = _keyFields;
            for (var i = 0; i < keyFields.Length; i++)
            {
                set |= !fields.TryGetValue(keyFields[i], out var value) || string.IsNullOrWhiteSpace(value) ? 1 << i : 0;
            }

            return new RecordCompleteness(recordId, sets[set], Fingerprint);
        }

        List<string>? missing = null;
        for (var i = 0; i < KeyFields.Count; i++)
        {
            var field = KeyFields[i];
            if (string.IsNullOrWhiteSpace(fields.GetValueOrDefault(field)))
            {
                (missing ??= []).Add(field);
            }
        }

        return new RecordCompleteness(recordId, missing is null ? [] : [.. missing], Fingerprint);
    }

    /// <summary>Completeness of many records against the target (DATA-2: ≥ 95 % complete).</summary>
    /// <param name="records">The records, each with its id.</param>
    /// <returns>The report, naming every missing field.</returns>
    public CompletenessReport Completeness(IEnumerable<(string Id, IReadOnlyDictionary<string, string?> Fields)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var checks = records.Select(r => CheckRecord(r.Id, r.Fields)).ToArray();
        var byField = KeyFields.ToDictionary(f => f, f => checks.Count(c => c.MissingFields.Contains(f)));
        var kpi = KpiCheck.FromCounts(Kpis.DataCompleteness, checks.Count(c => c.IsComplete), checks.Length, _completenessTarget, Fingerprint);
        return new CompletenessReport(checks, kpi, byField, Fingerprint);
    }

    /// <summary>
    /// Masks a phone number for display (DATA-3): digits outside the kept start and end become the mask character;
    /// separators stay. A number with no more digits than the kept ends together is masked whole, so a masked value
    /// never shows more digits than configured — and never all of them.
    /// </summary>
    /// <param name="phone">The phone number.</param>
    /// <returns>The masked number.</returns>
    public string MaskPhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var mask = _phoneMask;
        var digits = phone.Count(char.IsAsciiDigit);
        var showAny = digits > mask.KeepStart + mask.KeepEnd;
        var builder = new StringBuilder(phone.Length);
        var seen = 0;
        foreach (var c in phone)
        {
            if (!char.IsAsciiDigit(c))
            {
                builder.Append(c);
                continue;
            }

            var visible = showAny && (seen < mask.KeepStart || seen >= digits - mask.KeepEnd);
            builder.Append(visible ? c : mask.MaskCharacter);
            seen++;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Masks an e-mail address for display (DATA-3): the first characters of the local part, a fixed mask that hides
    /// its length, and the domain (or the mask). Text without an @ is masked whole.
    /// </summary>
    /// <param name="email">The address.</param>
    /// <returns>The masked address.</returns>
    public string MaskEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var mask = _emailMask;
        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return mask.Mask;
        }

        var local = email[..at];
        var kept = local.Length > mask.KeepStart ? local[..mask.KeepStart] : "";
        return kept + mask.Mask + "@" + (mask.KeepDomain ? email[(at + 1)..] : mask.Mask);
    }

    /// <summary>
    /// Masks the value of a personal field for display (DATA-3). A value that is, as a whole, an e-mail address or a
    /// phone number (<see cref="LooksLikeEmailAddress"/>, <see cref="LooksLikePhoneNumber"/>) keeps the e-mail or phone
    /// mask, so <c>13812345678</c> reads <c>138****5678</c> in any column. Anything else keeps its first characters
    /// (<c>personalMask.keepStart</c> text elements, so an accent or a surrogate pair is never cut) followed by the fixed
    /// mask, which hides the length: <c>张三</c> and <c>张三丰</c> both read <c>张***</c>. A value no longer than the kept
    /// start is the mask alone, so a masked value never shows a whole value; an empty value stays empty.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The masked value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public string MaskPersonal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return value;
        }

        if (LooksLikeEmailAddress(value))
        {
            return MaskEmail(value);
        }

        if (LooksLikePhoneNumber(value))
        {
            return MaskPhone(value);
        }

        var mask = _personalMask;
        var kept = 0;
        for (var n = 0; n < mask.KeepStart && kept < value.Length; n++)
        {
            kept += StringInfo.GetNextTextElementLength(value.AsSpan(kept));
        }

        return kept >= value.Length ? mask.Mask : string.Concat(value.AsSpan(0, kept), mask.Mask);
    }

    /// <summary>
    /// Whether text is, as a whole, a phone number (DATA-3): an optional <c>+</c>, then digits with spaces, dashes, dots
    /// or brackets between them, holding at least 11 digits, or 8 after the <c>+</c>. Shorter runs are not phone numbers,
    /// so customer ids such as <c>RT2024001</c> (DATA-1) and short numbers are not taken for one.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> for a phone number.</returns>
    public static bool LooksLikePhoneNumber(ReadOnlySpan<char> text)
    {
        var international = text.StartsWith('+');
        var body = international ? text[1..] : text;
        if (body.IsEmpty || !char.IsAsciiDigit(body[0]) || !char.IsAsciiDigit(body[^1]))
        {
            return false;
        }

        var digits = 0;
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        return digits >= 11 || (international && digits >= 8);
    }

    /// <summary>
    /// Whether text is, as a whole, an e-mail address (DATA-3): <c>local@domain.tld</c>, the local part of ASCII letters,
    /// digits and <c>. _ % + -</c>, the domain two or more dot-separated labels of ASCII letters, digits and <c>-</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> for an e-mail address.</returns>
    public static bool LooksLikeEmailAddress(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        foreach (var c in text[..at])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '%' or '+' or '-'))
            {
                return false;
            }
        }

        var domain = text[(at + 1)..];
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.ContainsAnyExcept(DomainCharacters))
            {
                return false;
            }

            labels++;
        }

        return labels >= 2;
    }

    private static readonly System.Buffers.SearchValues<char> DomainCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
}

// The compiled settings: copies, so that changing the options after compiling changes nothing.
internal sealed record CustomerIdFormat(int IndustryLetters, int SequenceDigits, string[] Industries);

internal sealed record PhoneMask(int KeepStart, int KeepEnd, char MaskCharacter);

internal sealed record EmailMask(int KeepStart, bool KeepDomain, string Mask);

internal sealed record PersonalMask(int KeepStart, string Mask);
