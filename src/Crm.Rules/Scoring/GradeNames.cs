namespace Crm.Rules.Scoring;

/// <summary>
/// The one rule by which every family matches grade names: ordinal and case-sensitive, so <c>A</c> and <c>a</c> are
/// different names. Validation reports a reference to a name that is not in <c>valueGrading.grades</c> (in
/// <c>cadence.surveyIntervals</c>, <c>demands.gradeOrder</c>, <c>churn.valueScores</c>, <c>sla.policies[*].grade</c>)
/// with its JSON path, and two grades whose names differ only in case are rejected, so a near miss is always a
/// reported error, never a silent mismatch.
/// </summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class GradeNames
{
    /// <summary>Compares grade names.</summary>
    public static StringComparer Comparer => StringComparer.Ordinal;

    /// <summary>Compares grade names, for <see cref="string.Equals(string, string, StringComparison)"/>.</summary>
    public const StringComparison Comparison = StringComparison.Ordinal;
}
