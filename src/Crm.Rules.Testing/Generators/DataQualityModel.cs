using System.Globalization;
using Crm.Rules.DataQuality;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid data-quality configuration (DATA-1 … DATA-3): the customer id format, the key fields
/// and personal fields as bits over <see cref="DataRecords.FieldNames"/>, and the masks.
/// </summary>
/// <param name="IndustryLetters">Letters (1 to 6) of the industry abbreviation.</param>
/// <param name="SequenceDigits">Digits (1 to 9) of the sequence.</param>
/// <param name="Industries">How many (0 to 3) allowed industries: <c>A…</c>, <c>B…</c>, <c>C…</c> as long as <paramref name="IndustryLetters"/> says.</param>
/// <param name="KeyFields">The key fields as bits over <see cref="DataRecords.FieldNames"/>; none set means the first.</param>
/// <param name="PersonalFields">The personal fields as bits over <see cref="DataRecords.FieldNames"/>.</param>
/// <param name="KeepStart">Characters (0 to 4) a personal value, a phone number and an e-mail address keep at the start.</param>
/// <param name="KeepEnd">Digits (0 to 6) a phone number keeps at the end.</param>
/// <param name="HideDomain">Whether an e-mail address's domain is masked too.</param>
/// <threadsafety>This type is immutable and thread-safe; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record DataQualityModel(int IndustryLetters, int SequenceDigits, int Industries, int KeyFields, int PersonalFields, int KeepStart, int KeepEnd, bool HideDomain)
{
    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.DataQualityModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<DataQualityModel> Generator =>
        from letters in Gen.Choose(1, 6)
        from digits in Gen.Choose(1, 9)
        from industries in Gen.Choose(0, 3)
        from key in Gen.Choose(1, (1 << DataRecords.FieldNames.Count) - 1)
        from personal in Gen.Choose(0, (1 << DataRecords.FieldNames.Count) - 1)
        from keepStart in Gen.Choose(0, 4)
        from keepEnd in Gen.Choose(0, 6)
        from hide in Gen.Elements(false, true)
        select new DataQualityModel(letters, digits, industries, key, personal, keepStart, keepEnd, hide);

    /// <summary>Towards the seed standard's id format, fewer key and personal fields, shorter kept ends.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<DataQualityModel> Smaller() =>
        Shrink.Towards(IndustryLetters, 2).Select(l => this with { IndustryLetters = l })
            .Concat(Shrink.Towards(SequenceDigits, 3).Select(d => this with { SequenceDigits = d }))
            .Concat(Shrink.Towards(Industries, 0).Select(i => this with { Industries = i }))
            .Concat(Bits(KeyFields).Where(b => KeyFields != b).Select(b => this with { KeyFields = KeyFields & ~b }))
            .Concat(Bits(PersonalFields).Select(b => this with { PersonalFields = PersonalFields & ~b }))
            .Concat(Shrink.Towards(KeepStart, 1).Select(k => this with { KeepStart = k }))
            .Concat(Shrink.Towards(KeepEnd, 4).Select(k => this with { KeepEnd = k }))
            .Concat(Shrink.Bool(HideDomain).Select(h => this with { HideDomain = h }));

    /// <summary>Builds fresh options: the seed standard with this data-quality configuration.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var quality = options.DataQuality;
        quality.CustomerId = new CustomerIdOptions
        {
            IndustryLetters = IndustryLetters,
            SequenceDigits = SequenceDigits,
            Industries = Enumerable.Range(0, Industries).Select(i => new string((char)('A' + i), IndustryLetters)).ToList(),
        };
        quality.KeyFields = Fields(KeyFields == 0 ? 1 : KeyFields);
        quality.PersonalFields = Fields(PersonalFields);
        quality.PersonalMask = new PersonalMaskOptions { KeepStart = KeepStart, Mask = "***" };
        quality.PhoneMask = new PhoneMaskOptions { KeepStart = KeepStart, KeepEnd = KeepEnd, MaskCharacter = "#" };
        quality.EmailMask = new EmailMaskOptions { KeepStart = KeepStart, KeepDomain = !HideDomain, Mask = "..." };
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"dataQuality(ids {IndustryLetters} letters + year + {SequenceDigits} digits, {Industries} industries, key [{string.Join(", ", Fields(KeyFields == 0 ? 1 : KeyFields))}], " +
        $"personal [{string.Join(", ", Fields(PersonalFields))}], keep {KeepStart}/{KeepEnd}{(HideDomain ? ", domain hidden" : "")})");

    private static List<string> Fields(int bits) => DataRecords.FieldNames.Where((_, i) => (bits & (1 << i)) != 0).ToList();

    private static IEnumerable<int> Bits(int bits) => Enumerable.Range(0, DataRecords.FieldNames.Count).Select(i => 1 << i).Where(b => (bits & b) != 0);
}

/// <summary>
/// Records as data quality checks them: per record and per field of <see cref="FieldNames"/>, what its value is —
/// 0 absent, 1 null, 2 empty, 3 blank (spaces), 4 and above a value.
/// </summary>
/// <param name="Records">Per record: one draw (0 to 6) per field of <see cref="FieldNames"/>.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Records"/>.</threadsafety>
public sealed record DataRecords(int[][] Records)
{
    /// <summary>The fields records have and configurations name.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["name", "contactPerson", "coreNeed", "contactDetails", "phone", "email", "address"];

    private static readonly string[] Values = ["张三丰", "Zhang San", "138-1234-5678", "zhang@example.com"];

    /// <summary>Random sets of up to 30 records, most fields filled.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.DataRecords"/> adds <see cref="Smaller"/>.</value>
    public static Gen<DataRecords> Generator =>
        from count in Gen.Choose(0, 30)
        from records in Gen.Frequency((1, Gen.Choose(0, 3)), (4, Gen.Choose(4, 7))).ArrayOf(FieldNames.Count).ArrayOf(count)
        select new DataRecords(records);

    /// <summary>Fewer records, fields nearer absent.</summary>
    /// <returns>Simpler record sets, simplest first.</returns>
    public IEnumerable<DataRecords> Smaller() => Shrink.Array(Records, r => Shrink.Each(r, v => Shrink.Towards(v, 0))).Select(r => new DataRecords(r));

    /// <summary>The records as <see cref="DataQualityRules.Completeness"/> takes them: ids <c>r0</c>, <c>r1</c>, …</summary>
    /// <returns>New records.</returns>
    public IReadOnlyList<(string Id, IReadOnlyDictionary<string, string?> Fields)> Build() =>
        Records.Select((r, i) => (string.Create(CultureInfo.InvariantCulture, $"r{i}"), (IReadOnlyDictionary<string, string?>)Fields(r))).ToArray();

    /// <summary>Whether the draw stands for a filled value (not absent, null, empty or blank).</summary>
    /// <param name="draw">A field's draw.</param>
    /// <returns><see langword="true"/> from 4 up.</returns>
    public static bool IsFilled(int draw) => draw >= 4;

    /// <summary>The records, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() =>
        $"records [{string.Join("; ", Records.Select((r, i) => $"r{i}: {string.Join(", ", r.Select((v, f) => $"{FieldNames[f]} {Describe(v)}"))}"))}]";

    private static Dictionary<string, string?> Fields(int[] draws)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var f = 0; f < FieldNames.Count; f++)
        {
            if (draws[f] > 0)
            {
                fields[FieldNames[f]] = draws[f] switch { 1 => null, 2 => "", 3 => "  ", var v => Values[(v - 4) % Values.Length] };
            }
        }

        return fields;
    }

    private static string Describe(int draw) => draw switch { 0 => "absent", 1 => "null", 2 => "empty", 3 => "blank", _ => "filled" };
}
