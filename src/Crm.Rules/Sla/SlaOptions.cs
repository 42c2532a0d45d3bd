using System.Text.Json.Serialization;
using NodaTime;

namespace Crm.Rules.Sla;

/// <summary>Settings of SLA calculation on business calendars (RULES.md SLA-1 … SLA-8).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class SlaOptions
{
    /// <summary>The name of the built-in calendar that is always open (calendar time). It cannot be redefined.</summary>
    public const string AlwaysOpenCalendar = "24x7";

    /// <summary>Business calendars keyed by name. The built-in <c>24x7</c> calendar always exists besides these.</summary>
    /// <value><c>business</c>: Asia/Shanghai, Monday to Friday 09:00–12:00 and 13:30–18:00, no holidays.</value>
    /// <remarks>A name-keyed map: a rules file can add one calendar, or change one day of one calendar.</remarks>
    public Dictionary<string, BusinessCalendarOptions> Calendars { get; set; } = SeedStandardSla.Calendars();

    /// <summary>The SLA policies. A ticket names its policy, or is matched to the most specific policy by grade, kind and priority.</summary>
    /// <value>SLA-1 … SLA-7 of the seed standard (see <c>docs/sla.md</c>).</value>
    /// <remarks>A list: a rules file that gives <c>policies</c> replaces them all.</remarks>
    public List<SlaPolicyOptions> Policies { get; set; } = SeedStandardSla.Policies();
}

/// <summary>A business calendar: working intervals per weekday in an IANA time zone, holidays and per-date overrides.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class BusinessCalendarOptions
{
    /// <summary>The IANA time zone the working intervals are written in, e.g. <c>Asia/Shanghai</c>.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>Working intervals per weekday, e.g. <c>"monday": ["09:00-12:00", "13:30-18:00"]</c>. A day left out is closed.</summary>
    public WeekOptions Week { get; set; } = new();

    /// <summary>Closed dates: <c>2026-10-01</c>, or inclusive ranges <c>2026-10-02/2026-10-08</c>.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Dates with their own intervals (an empty list closes the date): make-up working days, half days.</summary>
    public Dictionary<string, List<string>> Overrides { get; set; } = [];

    /// <summary>Which instant a local boundary that occurs twice (a DST fall-back) maps to.</summary>
    /// <value><see cref="AmbiguousTimeRule.Earlier"/>.</value>
    public AmbiguousTimeRule AmbiguousTime { get; set; } = AmbiguousTimeRule.Earlier;
}

/// <summary>Working intervals for each day of the week, as <c>"HH:mm-HH:mm"</c> text (<c>24:00</c> allowed as an end).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class WeekOptions
{
    /// <summary>Monday's working intervals.</summary>
    public List<string>? Monday { get; set; }

    /// <summary>Tuesday's working intervals.</summary>
    public List<string>? Tuesday { get; set; }

    /// <summary>Wednesday's working intervals.</summary>
    public List<string>? Wednesday { get; set; }

    /// <summary>Thursday's working intervals.</summary>
    public List<string>? Thursday { get; set; }

    /// <summary>Friday's working intervals.</summary>
    public List<string>? Friday { get; set; }

    /// <summary>Saturday's working intervals.</summary>
    public List<string>? Saturday { get; set; }

    /// <summary>Sunday's working intervals.</summary>
    public List<string>? Sunday { get; set; }

    internal List<string>? this[IsoDayOfWeek day] => day switch
    {
        IsoDayOfWeek.Monday => Monday,
        IsoDayOfWeek.Tuesday => Tuesday,
        IsoDayOfWeek.Wednesday => Wednesday,
        IsoDayOfWeek.Thursday => Thursday,
        IsoDayOfWeek.Friday => Friday,
        IsoDayOfWeek.Saturday => Saturday,
        IsoDayOfWeek.Sunday => Sunday,
        _ => null,
    };
}

/// <summary>How a local time that occurs twice (clocks set back) maps to an instant.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum AmbiguousTimeRule
{
    /// <summary>The earlier of the two instants (NodaTime <c>Resolvers.ReturnEarlier</c>).</summary>
    [JsonStringEnumMemberName("earlier")]
    Earlier,

    /// <summary>The later of the two instants (NodaTime <c>Resolvers.ReturnLater</c>).</summary>
    [JsonStringEnumMemberName("later")]
    Later,
}

/// <summary>One SLA policy: what it applies to, its target, its calendar and its warnings.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class SlaPolicyOptions
{
    /// <summary>The policy's unique name, e.g. <c>response-B</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The customer grade it applies to, or <see langword="null"/> for any grade.</summary>
    public string? Grade { get; set; }

    /// <summary>The event kind it applies to (e.g. <c>response</c>, <c>crisis</c>), or <see langword="null"/> for any kind.</summary>
    public string? Kind { get; set; }

    /// <summary>The priority it applies to, or <see langword="null"/> for any priority.</summary>
    public string? Priority { get; set; }

    /// <summary>The target as business time on the calendar, an ISO-8601 duration such as <c>PT48H</c>. Give this or <see cref="WorkingDays"/>.</summary>
    public Duration? Target { get; set; }

    /// <summary>The target as a number of working days (same local time on the Nth working day). Give this or <see cref="Target"/>.</summary>
    public int? WorkingDays { get; set; }

    /// <summary>The calendar the clock runs on.</summary>
    /// <value><c>24x7</c>.</value>
    public string Calendar { get; set; } = SlaOptions.AlwaysOpenCalendar;

    /// <summary>Warning thresholds as fractions of the target, each greater than 0 and less than 1.</summary>
    /// <value>0.5 and 0.75.</value>
    public List<decimal> Warnings { get; set; } = [0.5m, 0.75m];
}
