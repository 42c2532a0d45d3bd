using Crm.Rules.Samples.Orleans;

namespace Crm.Rules.Orleans.Tests.Support;

internal static class StateText
{
    // Every stored field as text. Not the stored bytes: Orleans writes a second reference to one object as a
    // back-reference, and a state read back shares differently from one built in memory, with the same content.
    public static string Describe(CustomerState x)
    {
        var grade = x.Grade;
        var churn = x.Churn;
        var tickets = x.Tickets.Select(t => $"{t.Id} {t.Kind} {t.Priority} {t.Policy} {t.OpenedAt} {t.ResolvedAt} P[{string.Join(",", t.Pauses)}] A[{string.Join(",", t.Alarms)}]");
        return string.Join(Environment.NewLine,
            $"{x.Version} {x.Fingerprint}",
            $"scores [{string.Join(",", x.Scores)}] purchases [{string.Join(",", x.Purchases)}]",
            $"grade {grade.Total} {grade.Computed} {grade.Approved} {grade.Proposed} {grade.ProposedAt} {grade.ApprovedAt} {grade.ApprovedBy}",
            $"contacts [{string.Join(",", x.Contacts)}] surveys [{string.Join(",", x.SurveyScores)}]",
            $"tickets [{string.Join(";", tickets)}] alerts [{string.Join(",", x.Alerts)}]",
            $"lifecycle [{string.Join(",", x.Lifecycle.History)}] [{string.Join(",", x.Lifecycle.Numbers)}] [{string.Join(",", x.Lifecycle.Flags)}]",
            $"churn {churn.Total} {churn.Previous} {churn.Band} {churn.Trend} {churn.AsOf}");
    }
}
