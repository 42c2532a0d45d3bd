using Crm.Rules.DataQuality;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.DataQuality;

[Properties(Arbitrary = [typeof(DataQualityArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class DataQualityTests
{
    private static readonly DataQualityRules Seed = CrmRuleSet.SeedStandard.DataQuality;

    [Theory]
    [InlineData("RT2024001", true, null)]
    [InlineData("rt2024001", false, "'rt' is not 2 capital letters (e.g. RR2024001)")]
    [InlineData("RT202401", false, "must be 9 characters: 2 capital letters, a 4-digit year and a 3-digit sequence (e.g. RR2024001)")]
    [InlineData("RT2024A01", false, "'2024A01' must be digits: a 4-digit year and a 3-digit sequence (e.g. RR2024001)")]
    [InlineData("RT2024000", false, "the sequence starts at 1")]
    public void Data1_CustomerIdFormat(string id, bool valid, string? problem)
    {
        var check = Seed.CheckCustomerId(id);
        Assert.Equal((valid, problem), (check.IsValid, check.Problem));
        if (valid)
        {
            Assert.Equal(("RT", 2024, 1), (check.Industry, check.Year!.Value, check.Sequence!.Value));
        }
    }

    [Fact]
    public void Data1_NextIdIsOneMoreThanTheHighestInUse()
    {
        Assert.Equal("RT2024004", Seed.NextCustomerId("RT", 2024, ["RT2024001", "RT2024003", "MF2024009", "RT2023099", "junk"]));
        Assert.Equal("RT2025001", Seed.NextCustomerId("RT", 2025, []));
        Assert.Throws<InvalidOperationException>(() => Seed.NextCustomerId("RT", 2024, ["RT2024999"]));
        Assert.Throws<ArgumentException>(() => Seed.NextCustomerId("R", 2024, []));
    }

    [Fact]
    public void Data2_CompletenessNamesTheMissingFieldsAndChecks95Percent()
    {
        var complete = new Dictionary<string, string?> { ["name"] = "Acme", ["contactPerson"] = "Li", ["coreNeed"] = "ERP", ["contactDetails"] = "138" };
        var records = Enumerable.Range(0, 19).Select(i => ($"C{i}", (IReadOnlyDictionary<string, string?>)complete)).ToList();
        records.Add(("C19", new Dictionary<string, string?> { ["name"] = "Beta", ["contactPerson"] = " ", ["coreNeed"] = null }));

        var report = Seed.Completeness(records);

        Assert.Equal(["contactPerson", "coreNeed", "contactDetails"], report.Records[^1].MissingFields);
        Assert.Equal((0.95m, true), (report.Kpi.Observed, report.Kpi.Met));
        Assert.Equal(1, report.MissingByField["coreNeed"]);
        records.Add(("C20", new Dictionary<string, string?>()));
        Assert.False(Seed.Completeness(records).Kpi.Met);
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "+86 1**-****-5678")] // the country code counts as digits
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    public void Data3_PhoneMasking(string phone, string masked)
        => Assert.Equal(masked, Seed.MaskPhone(phone));

    [Theory]
    [InlineData("zhang.san@example.com", "z***@example.com")]
    [InlineData("z@example.com", "***@example.com")]
    [InlineData("not-an-email", "***")]
    public void Data3_EmailMasking(string email, string masked)
        => Assert.Equal(masked, Seed.MaskEmail(email));

    [Property]
    public bool Data3_AMaskedPhoneNeverRevealsMoreDigitsThanConfigured(PhoneMaskCase c)
    {
        var rules = TestRules.FromJson($$"""{ "dataQuality": { "phoneMask": { "keepStart": {{c.KeepStart}}, "keepEnd": {{c.KeepEnd}} } } }""").DataQuality;
        var masked = rules.MaskPhone(c.Phone);
        var digits = c.Phone.Count(char.IsAsciiDigit);
        var shown = masked.Count(char.IsAsciiDigit);
        return masked.Length == c.Phone.Length && shown <= c.KeepStart + c.KeepEnd && (digits == 0 || shown < digits);
    }

    [Property]
    public bool Data3_AMaskedEmailNeverRevealsMoreOfTheLocalPartThanConfigured(EmailMaskCase c)
    {
        var rules = TestRules.FromJson($$"""{ "dataQuality": { "emailMask": { "keepStart": {{c.Keep}} } } }""").DataQuality;
        var masked = rules.MaskEmail(c.Local + "@example.com");
        var visibleLocal = masked[..masked.IndexOf("***", StringComparison.Ordinal)];
        return visibleLocal.Length <= c.Keep && (c.Local.Length == 0 || visibleLocal.Length < c.Local.Length) && c.Local.StartsWith(visibleLocal, StringComparison.Ordinal);
    }
}

/// <summary>A phone mask setting and a phone-like text.</summary>
public sealed record PhoneMaskCase(int KeepStart, int KeepEnd, string Phone)
{
    public override string ToString() => $"keep {KeepStart} + {KeepEnd}, phone \"{Phone}\"";
}

/// <summary>An e-mail mask setting and a local part (before "@example.com").</summary>
public sealed record EmailMaskCase(int Keep, string Local)
{
    public override string ToString() => $"keep {Keep}, local part \"{Local}\"";
}

public static class DataQualityArbitraries
{
    private static readonly char[] PhoneCharacters = ['0', '1', '5', '9', '-', ' ', '+', '('];
    private static readonly char[] LocalCharacters = ['a', 'b', 'x', '.', '1'];

    public static Arbitrary<PhoneMaskCase> PhoneMaskCase() => Arb.From(
        from keepStart in Gen.Choose(0, 5)
        from keepEnd in Gen.Choose(0, 5)
        from phone in Gen.Elements(PhoneCharacters).ArrayOf()
        select new PhoneMaskCase(keepStart, keepEnd, new string(phone)),
        c => Shrink.Text(c.Phone, PhoneCharacters).Select(p => c with { Phone = p })
            .Concat(Shrink.Towards(c.KeepStart, 0).Select(k => c with { KeepStart = k }))
            .Concat(Shrink.Towards(c.KeepEnd, 0).Select(k => c with { KeepEnd = k })));

    public static Arbitrary<EmailMaskCase> EmailMaskCase() => Arb.From(
        from keep in Gen.Choose(0, 4)
        from local in Gen.Elements(LocalCharacters).ArrayOf()
        select new EmailMaskCase(keep, new string(local)),
        c => Shrink.Text(c.Local, LocalCharacters).Select(l => c with { Local = l })
            .Concat(Shrink.Towards(c.Keep, 0).Select(k => c with { Keep = k })));
}

public class DataQualityResultTests
{
    private static readonly Crm.Rules.DataQuality.DataQualityRules Seed = CrmRuleSet.SeedStandard.DataQuality;

    [Fact]
    public void EveryResultCarriesTheFingerprint_AndReadsAsText()
    {
        var id = Seed.CheckCustomerId("RT2024001");
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, id.Fingerprint);
        Assert.Equal("RT2024001: valid (RT, 2024, 1)", id.ToString());
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, Seed.CheckCustomerId("x").Fingerprint);
        var report = Seed.Completeness([("r1", new Dictionary<string, string?> { ["name"] = "n", ["contactPerson"] = "p", ["coreNeed"] = "c", ["contactDetails"] = "d" }), ("r2", new Dictionary<string, string?> { ["name"] = "n" })]);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, report.Fingerprint);
        Assert.All(report.Records, r => Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, r.Fingerprint));
        Assert.Equal("r2: missing contactPerson, coreNeed, contactDetails", report.Records[1].ToString());
        Assert.Equal("dataCompleteness: 1 of 2 (0.5) against 0.95, missed; missing: name 0, contactPerson 1, coreNeed 1, contactDetails 1", report.ToString());
    }
}
