using System.Globalization;
using Crm.Rules.Churn;
using CsvHelper;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Samples.Churn;

/// <summary>One RavenStack account's churn facts, with whether the data marks it churned.</summary>
/// <param name="Id">account_id.</param>
/// <param name="Facts">The facts as of 2025-01-01.</param>
/// <param name="Churned">The accounts file's churn_flag.</param>
public sealed record SaasAccount(string Id, ChurnFacts Facts, bool Churned);

/// <summary>
/// Maps the synthetic "RavenStack" SaaS data (../shared/data/saas_synthetic) to churn facts as of 2025-01-01, the day
/// after its last usage record: last use from feature usage (a login-based product), MRR of the subscriptions active
/// mid-December against mid-November, renewal refused when the latest subscription has auto-renew off, negative feedback
/// from a satisfaction score of 3 or less, an unresolved complaint from an escalated ticket, value from the plan tier.
/// The churn flag describes churn that already happened, so these facts partly show its effects: a demonstration of the
/// detectors on real-shaped data, not a forecast.
/// </summary>
public static class SaasChurn
{
    public static readonly LocalDate AsOf = new(2025, 1, 1);

    public static IReadOnlyList<SaasAccount> Read(string folder)
    {
        var dates = LocalDatePattern.Iso;
        LocalDate? Date(string? text) => string.IsNullOrEmpty(text) ? null : dates.Parse(text).GetValueOrThrow();

        var subscriptions = Rows(Path.Combine(folder, "ravenstack_subscriptions.csv"))
            .Select(r => (Id: r["subscription_id"], Account: r["account_id"], Start: Date(r["start_date"])!.Value, End: Date(r["end_date"]),
                Mrr: decimal.Parse(r["mrr_amount"], CultureInfo.InvariantCulture), AutoRenew: r["auto_renew_flag"] == "TRUE"))
            .ToList();
        var accountOf = subscriptions.ToDictionary(s => s.Id, s => s.Account);
        var lastUse = Rows(Path.Combine(folder, "ravenstack_feature_usage.csv"))
            .Where(r => accountOf.ContainsKey(r["subscription_id"]))
            .GroupBy(r => accountOf[r["subscription_id"]])
            .ToDictionary(g => g.Key, g => g.Max(r => Date(r["usage_date"])!.Value));
        var tickets = Rows(Path.Combine(folder, "ravenstack_support_tickets.csv")).GroupBy(r => r["account_id"]).ToDictionary(g => g.Key, g => g.ToList());

        decimal MrrOn(string account, LocalDate day) => subscriptions
            .Where(s => s.Account == account && s.Start <= day && (s.End is not { } end || end > day))
            .Sum(s => s.Mrr);

        return Rows(Path.Combine(folder, "ravenstack_accounts.csv")).Select(a =>
        {
            var id = a["account_id"];
            var mine = tickets.GetValueOrDefault(id) ?? [];
            var latest = subscriptions.Where(s => s.Account == id).OrderByDescending(s => s.Start).FirstOrDefault();
            var facts = new ChurnFacts(AsOf)
            {
                LastUse = lastUse.TryGetValue(id, out var used) ? used : null,
                LoginBased = true,
                AmountThisMonth = MrrOn(id, new LocalDate(2024, 12, 15)),
                AmountLastMonth = MrrOn(id, new LocalDate(2024, 11, 15)),
                RenewalRefused = latest.Id is not null && !latest.AutoRenew,
                NegativeFeedback = mine.Any(t => int.TryParse(t["satisfaction_score"], CultureInfo.InvariantCulture, out var score) && score <= 3),
                UnresolvedComplaints = mine.Count(t => t["escalation_flag"] == "TRUE"),
                ValueGrade = a["plan_tier"] switch { "Enterprise" => "A", "Pro" => "B", _ => "C" },
            };
            return new SaasAccount(id, facts, a["churn_flag"] == "TRUE");
        }).ToList();
    }

    /// <summary>Each band's churn rate and lift over the base rate.</summary>
    public static IReadOnlyList<BandChurn> Lift(ChurnRules rules, IReadOnlyList<SaasAccount> accounts)
    {
        var baseRate = (decimal)accounts.Count(a => a.Churned) / accounts.Count;
        return rules.Bands.Select((band, index) =>
        {
            var inBand = accounts.Where(a => rules.Score(a.Facts).Band.Rank == index).ToList();
            var rate = inBand.Count == 0 ? 0m : (decimal)inBand.Count(a => a.Churned) / inBand.Count;
            return new BandChurn(band.Band.Name, inBand.Count, inBand.Count(a => a.Churned), rate, baseRate == 0 ? 0 : rate / baseRate);
        }).ToList();
    }

    private static List<Dictionary<string, string>> Rows(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        }

        return rows;
    }
}
