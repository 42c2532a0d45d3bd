using NodaTime;
using Crm.Rules.Scoring;

namespace Crm.Rules.Sla;

/// <summary>A compiled SLA policy.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class SlaPolicy
{
    internal SlaPolicy(SlaPolicyOptions options, BusinessCalendar calendar, int order)
    {
        Name = options.Name;
        Grade = options.Grade;
        Kind = options.Kind;
        Priority = options.Priority;
        Target = options.Target;
        WorkingDays = options.WorkingDays;
        Calendar = calendar;
        Warnings = options.Warnings.Select(FixedPoint.Normalize).Order().ToArray();
        Order = order;
    }

    /// <summary>The policy's name.</summary>
    public string Name { get; }

    /// <summary>The grade it applies to, or <see langword="null"/> for any.</summary>
    public string? Grade { get; }

    /// <summary>The event kind it applies to, or <see langword="null"/> for any.</summary>
    public string? Kind { get; }

    /// <summary>The priority it applies to, or <see langword="null"/> for any.</summary>
    public string? Priority { get; }

    /// <summary>The target as business time, or <see langword="null"/> when the target is in working days.</summary>
    public Duration? Target { get; }

    /// <summary>The target in working days, or <see langword="null"/>.</summary>
    public int? WorkingDays { get; }

    /// <summary>The calendar the clock runs on.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>The warning thresholds as fractions of the target, ascending.</summary>
    public IReadOnlyList<decimal> Warnings { get; }

    /// <summary>How many selectors (grade, kind, priority) the policy sets: more is more specific.</summary>
    public int Specificity => (Grade is null ? 0 : 1) + (Kind is null ? 0 : 1) + (Priority is null ? 0 : 1);

    internal int Order { get; }

    /// <summary>The business-time target for a clock that starts at <paramref name="start"/>.</summary>
    /// <param name="start">The clock's start.</param>
    /// <returns>
    /// The target; for a working-day target, the business time from the start to the same local time N working days
    /// after the first working instant at or after the start (a ticket opened on Saturday counts from Monday's opening,
    /// so a later start never gives an earlier deadline).
    /// </returns>
    public Duration TargetFrom(Instant start)
        => Target ?? Calendar.WorkingDaysTarget(start, WorkingDays!.Value);

    /// <summary>Whether the policy applies to the given selectors (a policy's unset selector matches anything).</summary>
    /// <param name="grade">The customer's grade, or <see langword="null"/>.</param>
    /// <param name="kind">The event kind, or <see langword="null"/>.</param>
    /// <param name="priority">The priority, or <see langword="null"/>.</param>
    /// <returns>
    /// <see langword="true"/> when every selector the policy sets is equal: the grade exactly (<see cref="GradeNames"/>),
    /// kind and priority ignoring case.
    /// </returns>
    public bool Matches(string? grade, string? kind, string? priority)
        => (Grade is null || string.Equals(Grade, grade, GradeNames.Comparison))
            && (Kind is null || string.Equals(Kind, kind, StringComparison.OrdinalIgnoreCase))
            && (Priority is null || string.Equals(Priority, priority, StringComparison.OrdinalIgnoreCase));

    /// <summary>The policy's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
