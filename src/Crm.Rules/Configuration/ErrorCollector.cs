namespace Crm.Rules.Configuration;

/// <summary>Collects configuration errors while validation walks the options tree.</summary>
internal sealed class ErrorCollector
{
    private readonly List<ConfigurationError> _errors = [];

    public IReadOnlyList<ConfigurationError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Adds a problem, unless the same problem is already listed (a family rule and a general bound may both find it).</summary>
    public void Add(string path, string message)
    {
        var error = new ConfigurationError(path, message);
        if (!_errors.Contains(error))
        {
            _errors.Add(error);
        }
    }

    public void AddRange(IEnumerable<ConfigurationError> errors)
    {
        foreach (var error in errors)
        {
            if (!_errors.Contains(error))
            {
                _errors.Add(error);
            }
        }
    }

    /// <summary>Checks that a decimal has no more fractional digits than fixed-point arithmetic keeps.</summary>
    public void RequireFixedPoint(string path, decimal value)
    {
        if (Math.Abs(value) > FixedPoint.MaximumMagnitude)
        {
            var bound = FixedPoint.Format(FixedPoint.MaximumMagnitude);
            Add(path, $"must lie between -{bound} and {bound} (got {FixedPoint.Format(value)})");
        }
        else if (!FixedPoint.IsRepresentable(value))
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
