namespace Crm.Rules.Configuration;

/// <summary>Collects configuration errors while validation walks the options tree.</summary>
internal sealed class ErrorCollector
{
    private readonly List<ConfigurationError> _errors = [];

    public IReadOnlyList<ConfigurationError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(string path, string message) => _errors.Add(new ConfigurationError(path, message));

    public void AddRange(IEnumerable<ConfigurationError> errors) => _errors.AddRange(errors);

    /// <summary>Checks that a decimal has no more fractional digits than fixed-point arithmetic keeps.</summary>
    public void RequireFixedPoint(string path, decimal value)
    {
        if (!FixedPoint.IsRepresentable(value))
        {
            Add(path, $"must have at most {FixedPoint.DecimalPlaces} decimal places (got {FixedPoint.Format(value)})");
        }
    }

    /// <summary>Reports names that are empty or repeated in a list of named items.</summary>
    public void RequireUniqueNames(string listPath, IReadOnlyList<string?> names, string noun)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var path = $"{listPath}[{i}].name";
            if (string.IsNullOrWhiteSpace(name))
            {
                Add(path, $"every {noun} needs a name");
            }
            else if (seen.TryGetValue(name, out var first))
            {
                Add(path, $"'{name}' is already the name of {listPath}[{first}]; {noun} names must be unique");
            }
            else
            {
                seen.Add(name, i);
            }
        }
    }
}
