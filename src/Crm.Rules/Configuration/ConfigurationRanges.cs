using System.Collections;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Configuration;

/// <summary>
/// The bounds every value of a configuration keeps, whatever its setting, so that a configuration that validates can be
/// compiled and evaluated without overflow: numbers are exact fixed point, periods reach at most 100 years, durations
/// at most 10,000 days, and enum settings hold one of their words.
/// </summary>
/// <remarks>
/// It walks the options by their source-generated metadata, so a setting added later is covered without a new check.
/// The families' own rules (a weight between 0 and 1, a positive interval) come on top of these bounds.
/// </remarks>
internal static class ConfigurationRanges
{
    /// <summary>The longest period a setting may hold, counted from 2000-01-01: <c>P100Y</c>, <c>P1200M</c>, <c>P36525D</c>.</summary>
    public const int MaximumPeriodYears = 100;

    /// <summary>The longest duration a setting may hold: 10,000 days (<c>PT240000H</c>).</summary>
    public const int MaximumDurationDays = 10_000;

    private const string PeriodProblem = "must reach at most ";
    private const string DurationProblem = "must be at most ";

    private static readonly LocalDateTime Reference = new(2000, 1, 1, 0, 0);
    private static readonly LocalDateTime Earliest = Reference.PlusYears(-MaximumPeriodYears);
    private static readonly LocalDateTime Latest = Reference.PlusYears(MaximumPeriodYears);
    private static readonly Duration MaximumDuration = Duration.FromDays(MaximumDurationDays);

    /// <summary>Reports every value out of bounds.</summary>
    /// <returns>
    /// The sections (<c>cadence</c>, <c>sla</c>, …) holding a period or duration out of bounds: their family rules must
    /// not run, because NodaTime arithmetic on such a value overflows.
    /// </returns>
    public static IReadOnlySet<string> Check(CrmRulesOptions options, ErrorCollector errors)
    {
        var unsafeSections = new HashSet<string>(StringComparer.Ordinal);
        var info = CrmRulesJsonContext.Default.CrmRulesOptions;
        foreach (var property in info.Properties)
        {
            var before = errors.Errors.Count;
            Walk(property.Get?.Invoke(options), info.Options.GetTypeInfo(property.PropertyType), property.Name, errors);
            if (errors.Errors.Skip(before).Any(e => e.Message.StartsWith(PeriodProblem, StringComparison.Ordinal) || e.Message.StartsWith(DurationProblem, StringComparison.Ordinal)))
            {
                unsafeSections.Add(property.Name);
            }
        }

        return unsafeSections;
    }

    private static void Walk(object? value, JsonTypeInfo info, string path, ErrorCollector errors)
    {
        if (value is null)
        {
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    if (property.Get is { } get)
                    {
                        Walk(get(value), info.Options.GetTypeInfo(property.PropertyType), JsonShape.PathOf(path, property.Name), errors);
                    }
                }

                break;
            case JsonTypeInfoKind.Dictionary:
                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    Walk(entry.Value, valueInfo, JsonShape.PathOf(path, (string)entry.Key), errors);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                var elementInfo = info.Options.GetTypeInfo(info.ElementType!);
                var i = 0;
                foreach (var element in (IEnumerable)value)
                {
                    Walk(element, elementInfo, $"{path}[{i++}]", errors);
                }

                break;
            default:
                CheckLeaf(value, path, errors);
                break;
        }
    }

    private static void CheckLeaf(object value, string path, ErrorCollector errors)
    {
        switch (value)
        {
            case decimal number:
                errors.RequireFixedPoint(path, number);
                break;
            case Period period when !WithinBounds(period):
                errors.Add(path, $"{PeriodProblem}{MaximumPeriodYears} years (P{MaximumPeriodYears}Y, P{MaximumPeriodYears * 12}M or P36525D); got {PeriodPattern.Roundtrip.Format(period)}");
                break;
            case Duration duration when duration > MaximumDuration || duration < -MaximumDuration:
                errors.Add(path, $"{DurationProblem}{MaximumDurationDays:N0} days (PT{MaximumDurationDays * 24}H); got {IsoDuration.Format(duration)}");
                break;
            case Enum word when !Enum.IsDefined(word.GetType(), word):
                var names = Enum.GetNames(word.GetType()).Select(n => $"\"{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)}\"");
                errors.Add(path, $"must be one of {string.Join(", ", names)}; got the number {Convert.ToInt64(word, System.Globalization.CultureInfo.InvariantCulture)}");
                break;
        }
    }

    // Applying the period to a fixed date measures years, months, weeks, days and time units on one calendar; a
    // period too large for the arithmetic is out of bounds as well.
    private static bool WithinBounds(Period period)
    {
        try
        {
            var reached = Reference + period;
            return reached >= Earliest && reached <= Latest;
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
