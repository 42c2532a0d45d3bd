using Crm.Rules.Configuration;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Lint;

/// <summary>Cadence: contact intervals longer than the surveys that follow up on the contacts.</summary>
internal static class CadenceLint
{
    // Periods in months and years differ from day to day; four years from a leap year's first day meet every case.
    private const int ReferenceDays = 1461;

    private static readonly LocalDate ReferenceStart = new(2024, 1, 1);

    public static void Check(CrmRulesOptions options, LocalDate? today, List<LintFinding> findings)
    {
        var start = today ?? ReferenceStart;
        foreach (var (grade, settings) in options.ValueGrading.Grades)
        {
            if (settings.Treatment.ContactInterval is { } contact && options.Cadence.SurveyIntervals.TryGetValue(grade, out var survey)
                && Later(contact, survey, start) is { } date)
            {
                findings.Add(new(LintCheck.ContactLongerThanSurvey, LintSeverity.Problem, JsonShape.PathOf("valueGrading.grades", grade) + ".treatment.contactInterval",
                    $"grade '{grade}' is contacted every {Text(contact)} but surveyed every {Text(survey)} ({JsonShape.PathOf("cadence.surveyIntervals", grade)}): a survey falls due before the contact it should follow up",
                    $"after a contact on {SlaLint.Iso(date)} the next contact is due {SlaLint.Iso(date.Plus(contact))} but the survey {SlaLint.Iso(date.Plus(survey))}"));
            }
        }

        foreach (var (kind, followUp) in options.Cadence.EventFollowUps)
        {
            if (options.Cadence.SurveyAfterEvents.TryGetValue(kind, out var survey) && Later(followUp, survey, start) is { } date)
            {
                findings.Add(new(LintCheck.ContactLongerThanSurvey, LintSeverity.Problem, JsonShape.PathOf("cadence.eventFollowUps", kind),
                    $"the follow-up contact after a '{kind}' event is due {Text(followUp)} after it, later than the survey after it ({Text(survey)}, {JsonShape.PathOf("cadence.surveyAfterEvents", kind)}): the survey comes before the contact",
                    $"after an event on {SlaLint.Iso(date)} the contact is due {SlaLint.Iso(date.Plus(followUp))} but the survey {SlaLint.Iso(date.Plus(survey))}"));
            }
        }
    }

    // The first reference date from which the contact falls due after the survey, or null when it never does.
    private static LocalDate? Later(Period contact, Period survey, LocalDate start)
    {
        for (var i = 0; i < ReferenceDays; i++)
        {
            var date = start.PlusDays(i);
            if (date.Plus(contact) > date.Plus(survey))
            {
                return date;
            }
        }

        return null;
    }

    private static string Text(Period period) => PeriodPattern.Roundtrip.Format(period);
}
