using System.Globalization;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Crm.Rules.Loyalty;
using NodaTime;

namespace Crm.Rules.CommandLine.Commands;

/// <summary>
/// <c>crm-rules loyalty</c>: each member's points, qualifying spend and tier as of a date (LOY-1), from activity records
/// (<c>id</c> the member, <c>date</c>, <c>kind</c>, <c>amount</c>, optional <c>tier</c> on record and <c>birthday</c>).
/// A member's records may be anywhere in the input, so the command reads it all, keeping per member its activities
/// as dated amounts (no line text), and writes one row per member when the input is read.
/// </summary>
internal static class LoyaltyCommand
{
    // Slots follow this order (slot 0 is id).
    private static readonly string[] Fields = ["date", "kind", "amount", "tier", "birthday"];

    // The library refuses dates outside its supported range for the member as a whole; read here first, such a date
    // is the error of its own record (and --as-of of the run).
    private static readonly LocalDate Earliest = LoyaltyRules.EarliestDate;
    private static readonly LocalDate Latest = LoyaltyRules.LatestDate;

    private static readonly string[] Columns = ["id", "points", "qualifying", "tier", "previousTier", "change", "nextTier", "toNextTier", "fingerprint"];

    private static readonly (string, string)[] TableColumns =
        [("id", "id"), ("points", "points"), ("qualifying", "qualifying"), ("tier", "tier"), ("previousTier", "was"), ("change", "change"), ("nextTier", "next"), ("toNextTier", "to next")];

    public static int Run(DataCommandOptions options, string asOfText, bool explain, TextWriter output, TextWriter error)
    {
        var asOf = FieldText.TryParseDate(asOfText, out var date, out var problem) ? date : throw new InputException($"--as-of: {SafeText.Printable(problem)}");
        if (asOf < Earliest || asOf > Latest)
        {
            throw new InputException($"--as-of: {asOfText.Trim()} is outside the supported dates 0001-01-01 … 9899-12-31 (docs/configuration.md, \"Bounds\")");
        }
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Loyalty;
        var access = options.AccessFor(ruleSet);
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        var byId = members.GetAlternateLookup<ReadOnlySpan<char>>();
        var run = new RecordRun(error, "loyalty", options.MaxErrors, access);
        using (var source = options.Open(access.Schema(Fields)))
        {
            run.Run(source, null, record =>
            {
                byId.TryGetValue(record.IdText, out var id, out var member);
                if (Read(record, id ?? record.Id!, member, rules) is not { } read)
                {
                    return false;
                }

                if (member is null)
                {
                    member = new Member(record.Location);
                    members.Add(read.Activity.MemberId, member);
                }

                member.Activities.Add(read.Activity);
                member.Tier ??= read.Tier;
                member.Birthday ??= read.Birthday;
                return true;
            });
        }

        // A member's points depend on all its activities: after --max-errors stopped the reading, any member's figures
        // could be wrong, so none is written.
        if (run.Stopped)
        {
            error.WriteLine("error: no member written: the input was not read to the end (a member's points and tier depend on all its activities)");
            return run.Finish("tiers", ruleSet.Fingerprint);
        }

        var evaluated = 0;
        var later = 0;
        using (var writer = access.Filter(options.CreateWriter(output, explain ? [.. Columns, "explanation"] : Columns, TableColumns)))
        {
            writer.Masker = access.Masker;
            foreach (var (id, member) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                LoyaltyStatement statement;
                IReadOnlyList<string>? lines = null;
                try
                {
                    if (explain)
                    {
                        var explanation = rules.Explain(member.Activities, asOf, member.Tier, member.Birthday);
                        (statement, lines) = (explanation.Statement, explanation.Lines);
                    }
                    else
                    {
                        statement = rules.Evaluate(member.Activities, asOf, member.Tier, member.Birthday);
                    }
                }
                catch (CrmInputException e)
                {
                    if (!run.Fail(new RecordError(member.First, id, e.Field, $"the member's activities cannot be evaluated: {SafeText.Printable(e.Problem)}"), member.Activities.Count))
                    {
                        break;
                    }

                    continue;
                }
                catch (OverflowException)
                {
                    if (!run.Fail(new RecordError(member.First, id, "amount", "the member's activities cannot be evaluated: the points exceed what a balance holds"), member.Activities.Count))
                    {
                        break;
                    }

                    continue;
                }

                evaluated++;
                later += statement.ActivitiesAfterAsOf;
                writer.BeginRecord();
                writer.Text("id", access.Echo(RecordSchema.IdField, id));
                writer.Integer("points", statement.Balance);
                writer.Number("qualifying", statement.Qualifying);
                writer.Text("tier", statement.Tier.Name);
                writer.Text("previousTier", statement.PreviousTier?.Name);
                writer.Text("change", LoyaltyWords.Of(statement.Change));
                writer.Text("nextTier", statement.NextTier?.Name);
                writer.Number("toNextTier", statement.ToNextTier);
                writer.Formatted("fingerprint", statement.Fingerprint);
                if (lines is not null)
                {
                    writer.Sentences("explanation", lines);
                }

                writer.EndRecord();
                for (var i = 0; i < member.Activities.Count; i++)
                {
                    run.Wrote(null);
                }

                run.Count(statement.Tier.Name, 1);
            }

            writer.Complete();
        }

        var note = string.Create(CultureInfo.InvariantCulture, $"{evaluated:N0} of {members.Count:N0} members evaluated as of {asOfText.Trim()} ({(rules.QualifyBy == LoyaltyQualification.Spend ? "qualifying spend" : "qualifying points")} over {NodaTime.Text.PeriodPattern.Roundtrip.Format(rules.QualificationWindow)})");
        if (later > 0)
        {
            note += string.Create(CultureInfo.InvariantCulture, $"; {later:N0} activit{(later == 1 ? "y" : "ies")} after the as-of date left out");
        }

        return run.Finish("tiers", ruleSet.Fingerprint, note);
    }

    private readonly record struct ReadActivity(LoyaltyActivity Activity, string? Tier, AnnualDate? Birthday);

    // Reads one record into an activity of the member (known, or new with this record's id); adds the record's errors
    // and returns null when it cannot. Nothing of the member changes here: a refused record leaves it as it was.
    private static ReadActivity? Read(Record record, string id, Member? member, LoyaltyRules rules)
    {
        var date = record.Date(1);
        if (date is { } day0 && (day0 < Earliest || day0 > Latest))
        {
            record.AddError("date", $"{day0:uuuu-MM-dd} is outside the supported dates 0001-01-01 … 9899-12-31");
        }

        LoyaltyActivityKind? kind = null;
        if (record.TryGetText(2, out var kindText))
        {
            if (LoyaltyWords.TryParseKind(kindText, out var k))
            {
                kind = k;
            }
            else
            {
                record.AddError("kind", $"{FieldText.Excerpt(kindText)} is not an activity kind (kinds: {string.Join(", ", LoyaltyWords.Kinds)})");
            }
        }

        var amount = record.Number(3);
        var tier = record.Text(4);
        var birthdayText = record.Text(5);
        var birthday = birthdayText is null ? null : CadenceCommand.ParseBirthday(record, birthdayText);
        if (date is null && record.IsValid)
        {
            record.AddError("date", "is required (the day of the activity, e.g. 2026-11-24)");
        }

        if (kind is null && record.IsValid)
        {
            record.AddError("kind", $"is required (kinds: {string.Join(", ", LoyaltyWords.Kinds)})");
        }

        if (amount is null && kind is LoyaltyActivityKind.Purchase or LoyaltyActivityKind.Redemption && record.IsValid)
        {
            record.AddError("amount", kind == LoyaltyActivityKind.Purchase
                ? "is required for a purchase (the money spent; negative for a refund)"
                : "is required for a redemption (the points spent)");
        }

        if (tier is not null && rules.FindTier(tier) is null)
        {
            record.AddError("tier", $"{FieldText.Excerpt(tier)} is not a tier (tiers: {string.Join(", ", rules.Tiers.Select(t => t.Name))})");
        }
        else if (tier is not null && member?.Tier is { } known && known != tier)
        {
            record.AddError("tier", $"{FieldText.Excerpt(tier)} differs from the tier an earlier record gave the member ({FieldText.Excerpt(known)}): a member has one tier on record");
        }

        if (birthday is { } day && member?.Birthday is { } knownDay && knownDay != day)
        {
            record.AddError("birthday", $"{FieldText.Excerpt(birthdayText)} differs from the birthday an earlier record gave the member ({knownDay.Month:D2}-{knownDay.Day:D2})");
        }

        if (!record.IsValid)
        {
            return null;
        }

        // The activity checks that the amount suits the kind; its CrmInputException is reported as this record's error.
        return new ReadActivity(new LoyaltyActivity(id, date!.Value, kind!.Value, amount ?? 0m), tier, birthday);
    }

    /// <summary>One member's activities and facts, gathered from records anywhere in the input.</summary>
    private sealed class Member(RecordLocation first)
    {
        /// <summary>Where the member's first record is: a failure found once all are read is reported there.</summary>
        public RecordLocation First { get; } = first;

        public List<LoyaltyActivity> Activities { get; } = [];

        public string? Tier { get; set; }

        public AnnualDate? Birthday { get; set; }
    }
}
