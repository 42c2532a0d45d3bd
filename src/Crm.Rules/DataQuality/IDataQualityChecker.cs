namespace Crm.Rules.DataQuality;

/// <summary>Data quality and privacy checks with the rule set in force (DATA-1 … DATA-3).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface IDataQualityChecker
{
    /// <summary>The data quality rules in force.</summary>
    DataQualityRules Rules { get; }

    /// <inheritdoc cref="DataQualityRules.CheckCustomerId(string?)"/>
    CustomerIdCheck CheckCustomerId(string? id);

    /// <inheritdoc cref="DataQualityRules.NextCustomerId(string, int, IEnumerable{string})"/>
    string NextCustomerId(string industry, int year, IEnumerable<string> existing);

    /// <inheritdoc cref="DataQualityRules.CheckRecord(string, IReadOnlyDictionary{string, string?})"/>
    RecordCompleteness CheckRecord(string recordId, IReadOnlyDictionary<string, string?> fields);

    /// <inheritdoc cref="DataQualityRules.Completeness(IEnumerable{ValueTuple{string, IReadOnlyDictionary{string, string?}}})"/>
    CompletenessReport Completeness(IEnumerable<(string Id, IReadOnlyDictionary<string, string?> Fields)> records);

    /// <inheritdoc cref="DataQualityRules.MaskPhone(string)"/>
    string MaskPhone(string phone);

    /// <inheritdoc cref="DataQualityRules.MaskEmail(string)"/>
    string MaskEmail(string email);

    /// <inheritdoc cref="DataQualityRules.MaskPersonal(string)"/>
    string MaskPersonal(string value);
}

/// <summary>The <see cref="IDataQualityChecker"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class DataQualityChecker(ICrmRuleSetProvider ruleSets) : IDataQualityChecker
{
    /// <inheritdoc/>
    public DataQualityRules Rules => ruleSets.Current.DataQuality;

    /// <inheritdoc/>
    public CustomerIdCheck CheckCustomerId(string? id) => Rules.CheckCustomerId(id);

    /// <inheritdoc/>
    public string NextCustomerId(string industry, int year, IEnumerable<string> existing) => Rules.NextCustomerId(industry, year, existing);

    /// <inheritdoc/>
    public RecordCompleteness CheckRecord(string recordId, IReadOnlyDictionary<string, string?> fields) => Rules.CheckRecord(recordId, fields);

    /// <inheritdoc/>
    public CompletenessReport Completeness(IEnumerable<(string Id, IReadOnlyDictionary<string, string?> Fields)> records) => Rules.Completeness(records);

    /// <inheritdoc/>
    public string MaskPhone(string phone) => Rules.MaskPhone(phone);

    /// <inheritdoc/>
    public string MaskEmail(string email) => Rules.MaskEmail(email);

    /// <inheritdoc/>
    public string MaskPersonal(string value) => Rules.MaskPersonal(value);
}
