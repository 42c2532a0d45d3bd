using NodaTime;

namespace Crm.Rules.Scoring;

/// <summary>A compiled grade: its name, rank, threshold and treatment.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class Grade
{
    internal Grade(string name, GradeOptions options, int rank)
    {
        Name = name;
        Rank = rank;
        Label = options.Label;
        MinimumTotal = options.MinimumTotal is { } min ? FixedPoint.Normalize(min) : null;
        var t = options.Treatment;
        Treatment = new GradeTreatment(t.ContactInterval!, t.Channels.ToArray(), t.OwnerRole, t.ServiceLevel, t.ResponseTime!.Value, t.ResponseCalendar);
    }

    /// <summary>The grade's name, e.g. <c>A</c>.</summary>
    public string Name { get; }

    /// <summary>The grade's label, e.g. <c>core</c>, if configured.</summary>
    public string? Label { get; }

    /// <summary>0 for the best grade, 1 for the next, and so on.</summary>
    public int Rank { get; }

    /// <summary>The lowest total (inclusive) that earns the grade; <see langword="null"/> for the lowest grade.</summary>
    public decimal? MinimumTotal { get; }

    /// <summary>How customers of the grade are served (GRADE-4).</summary>
    public GradeTreatment Treatment { get; }

    /// <summary>The grade's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}

/// <summary>How customers of a grade are served (GRADE-4).</summary>
/// <param name="ContactInterval">The longest time between two contacts (calendar arithmetic).</param>
/// <param name="Channels">The contact channels, preferred first.</param>
/// <param name="OwnerRole">The role that owns the relationship.</param>
/// <param name="ServiceLevel">The service level.</param>
/// <param name="ResponseTime">The response-time target.</param>
/// <param name="ResponseCalendar">The calendar the response time runs on (<c>24x7</c> for calendar time).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record GradeTreatment(
    Period ContactInterval,
    IReadOnlyList<string> Channels,
    string OwnerRole,
    string ServiceLevel,
    Duration ResponseTime,
    string ResponseCalendar)
{
    /// <summary>The treatment as text: <c>every P1M via visit, phone by salesDirector, vip; respond within 24:00 (24x7)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"every {NodaTime.Text.PeriodPattern.Roundtrip.Format(ContactInterval)} via {string.Join(", ", Channels)} by {OwnerRole}, {ServiceLevel}; respond within {ResponseTime:H:mm} ({ResponseCalendar})";
}
