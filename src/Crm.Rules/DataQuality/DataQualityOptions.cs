namespace Crm.Rules.DataQuality;

/// <summary>Settings of data quality and privacy rules (RULES.md DATA-1 … DATA-3).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class DataQualityOptions
{
    /// <summary>The customer id format (DATA-1): industry abbreviation + year + sequence, e.g. <c>RT2024001</c>.</summary>
    public CustomerIdOptions CustomerId { get; set; } = new();

    /// <summary>The key fields that must not be missing (DATA-2).</summary>
    /// <value>name, contactPerson, coreNeed, contactDetails.</value>
    public List<string> KeyFields { get; set; } = ["name", "contactPerson", "coreNeed", "contactDetails"];

    /// <summary>
    /// The fields (record columns) that hold personal data (DATA-3): their values are masked with
    /// <see cref="PersonalMask"/> wherever they are shown, and never echoed in an error message. Exact, case-sensitive
    /// names; <c>id</c> may be one of them. Empty marks no field personal.
    /// </summary>
    /// <value>name, contactPerson, contactDetails, phone, email, address.</value>
    public List<string> PersonalFields { get; set; } = ["name", "contactPerson", "contactDetails", "phone", "email", "address"];

    /// <summary>How much of a personal field's value stays visible (DATA-3).</summary>
    /// <value>The first character, then a fixed mask: <c>张***</c>.</value>
    public PersonalMaskOptions PersonalMask { get; set; } = new();

    /// <summary>How much of a phone number stays visible (DATA-3).</summary>
    /// <value>The first 3 and the last 4 digits: <c>138****5678</c>.</value>
    public PhoneMaskOptions PhoneMask { get; set; } = new();

    /// <summary>How much of an e-mail address stays visible (DATA-3).</summary>
    /// <value>The first character of the local part and the domain: <c>z***@example.com</c>.</value>
    public EmailMaskOptions EmailMask { get; set; } = new();
}

/// <summary>The customer id format.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class CustomerIdOptions
{
    /// <summary>How many capital letters the industry abbreviation has.</summary>
    /// <value>2.</value>
    public int IndustryLetters { get; set; } = 2;

    /// <summary>How many digits the sequence has (zero-padded).</summary>
    /// <value>3.</value>
    public int SequenceDigits { get; set; } = 3;

    /// <summary>The allowed industry abbreviations; empty allows any.</summary>
    /// <value>Any.</value>
    public List<string> Industries { get; set; } = [];
}

/// <summary>How a phone number is masked: digits outside the kept ends become the mask character; separators stay.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class PhoneMaskOptions
{
    /// <summary>Digits kept at the start.</summary>
    /// <value>3.</value>
    public int KeepStart { get; set; } = 3;

    /// <summary>Digits kept at the end.</summary>
    /// <value>4.</value>
    public int KeepEnd { get; set; } = 4;

    /// <summary>The character that replaces a hidden digit.</summary>
    /// <value><c>*</c>.</value>
    public string MaskCharacter { get; set; } = "*";
}

/// <summary>How an e-mail address is masked: the local part keeps its first characters and is followed by a fixed mask, so its length is not revealed.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class EmailMaskOptions
{
    /// <summary>Characters of the local part kept.</summary>
    /// <value>1.</value>
    public int KeepStart { get; set; } = 1;

    /// <summary>Whether the domain stays visible.</summary>
    /// <value><see langword="true"/>.</value>
    public bool KeepDomain { get; set; } = true;

    /// <summary>What replaces the hidden part of the local part (and the domain when it is hidden).</summary>
    /// <value><c>***</c>.</value>
    public string Mask { get; set; } = "***";
}

/// <summary>
/// How the value of a personal field is masked: its first characters, then a fixed mask that hides its length. A value
/// that is a phone number or an e-mail address as a whole keeps the phone or e-mail mask.
/// </summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class PersonalMaskOptions
{
    /// <summary>Characters (text elements: a letter with its accents, a surrogate pair) kept at the start.</summary>
    /// <value>1.</value>
    public int KeepStart { get; set; } = 1;

    /// <summary>What replaces the rest of the value.</summary>
    /// <value><c>***</c>.</value>
    public string Mask { get; set; } = "***";
}
