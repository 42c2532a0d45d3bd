using System.Globalization;
using Crm.Rules.Analytics;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using NodaTime;

namespace Crm.Rules.CommandLine.Commands;

/// <summary>What the analytics commands take besides the data options: the column mapping of another system's export.</summary>
/// <param name="Columns">The <c>--columns field=Column,…</c> text, or <see langword="null"/>.</param>
/// <param name="IgnoredColumns">The <c>--ignore-columns A,B</c> text, or <see langword="null"/>.</param>
internal sealed record ColumnMapping(string? Columns, string? IgnoredColumns);

/// <summary>
/// The analytics commands (RFM-1, GRADE-8, BG/NBD): <c>rfm</c> and <c>summarize</c> read a transaction log record by
/// record into a per-customer tally (memory grows with customers, not lines) and write when the log is read;
/// <c>bgnbd fit</c> and <c>bgnbd score</c> read (x, t_x, T) summaries.
/// </summary>
internal static class AnalyticsCommands
{
    /// <summary>A customer's RFM figures and scores, as <c>rfm</c> prints them and <c>assess</c> nests them.</summary>
    internal static void WriteRfmFields(ResultWriter writer, RfmFigures figures, RfmScores scores)
    {
        writer.Integer("recency", figures.RecencyDays);
        writer.Integer("frequency", figures.Frequency);
        writer.Number("monetary", figures.Monetary);
        writer.Integer("r", scores.Recency);
        writer.Integer("f", scores.Frequency);
        writer.Integer("m", scores.Monetary);
    }

    private static readonly string[] RfmColumns = ["id", "recency", "frequency", "monetary", "r", "f", "m", "segment", "vipTier", "fingerprint"];

    private static readonly (string, string)[] RfmTable =
        [("id", "id"), ("recency", "recency"), ("frequency", "freq"), ("monetary", "monetary"), ("r", "r"), ("f", "f"), ("m", "m"), ("segment", "segment"), ("vipTier", "vip")];

    private static readonly string[] SegmentColumns = ["segment", "customers", "share", "fingerprint"];

    public static int Rfm(DataCommandOptions options, ColumnMapping mapping, string asOfText, bool summary, bool explain, bool grade, bool keyAccounts, TextWriter output, TextWriter error)
    {
        var asOf = Date("--as-of", asOfText);
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Analytics;
        var access = options.AccessFor(ruleSet);
        using var source = options.Open(TransactionRecords.Schema(access, mapping.Columns, mapping.IgnoredColumns));
        var tally = rules.StartRfm(asOf);
        // GRADE-7's strategic class needs a lifetime value: the models are fitted on the same log, calibrated to the
        // analysis date, in weeks (as the papers do), only when key accounts are asked for.
        var histories = keyAccounts ? new PurchaseHistoryTally(asOf, ModelTimeUnit.Weeks) : null;
        var run = new RecordRun(error, "rfm", options.MaxErrors, access) { CountsRecordsWithoutId = rules.MissingCustomerIds == MissingCustomerIdHandling.Count };
        run.Run(source, null, record =>
        {
            if (!TransactionRecords.TryRead(record, out var day, out var amount, out var invoice))
            {
                return false;
            }

            tally.Add(record.IdText, day, amount, invoice);
            histories?.Add(record.IdText, day, amount);
            run.Wrote(null);
            return true;
        });

        if (Stopped(run, error, "customer", "a customer's figures and the quintiles depend on every line"))
        {
            return run.Finish("segments", ruleSet.Fingerprint);
        }

        var report = rules.Rfm(tally);
        var classes = histories is null ? null : rules.KeyAccounts(report, tally.Trends(), LifetimeValues(rules, histories, error));
        using (var writer = access.Filter(summary
            ? options.CreateWriter(output, SegmentColumns)
            : options.CreateWriter(output, [.. RfmColumns[..^1], .. (string[])(grade ? ["grade", "total"] : []), .. (string[])(keyAccounts ? ["keyAccount", "lifetimeValue"] : []), "fingerprint", .. (string[])(explain ? ["explanation"] : [])],
                [.. RfmTable, .. (grade ? [("grade", "grade")] : Array.Empty<(string, string)>()), .. (keyAccounts ? [("keyAccount", "KA")] : Array.Empty<(string, string)>())])))
        {
            writer.Masker = access.Masker;
            if (summary)
            {
                foreach (var (segment, customers) in report.SegmentCounts)
                {
                    writer.BeginRecord();
                    writer.Text("segment", segment);
                    writer.Integer("customers", customers);
                    writer.Number("share", report.Customers.Count == 0 ? 0m : decimal.Round((decimal)customers / report.Customers.Count, 4));
                    writer.Formatted("fingerprint", report.Fingerprint);
                    writer.EndRecord();
                }
            }
            else
            {
                for (var i = 0; i < report.Customers.Count; i++)
                {
                    var customer = report.Customers[i];
                    writer.BeginRecord();
                    writer.Text("id", access.Echo(RecordSchema.IdField, customer.CustomerId));
                    WriteRfmFields(writer, customer.Figures, customer.Scores);
                    writer.Text("segment", customer.Segment.Name);
                    writer.Text("vipTier", customer.VipTier);
                    if (grade)
                    {
                        // GRADE-1 from the order history alone: the indicators analytics.gradingIndicators maps.
                        var outcome = rules.Grade(customer);
                        writer.Text("grade", outcome.Grade?.Name);
                        writer.Number("total", outcome.IsGraded ? outcome.Total : null);
                        if (outcome.IsGraded)
                        {
                            run.Count($"grade {outcome.Grade!.Name}", 1);
                        }
                        else
                        {
                            run.Count($"not graded ({outcome.Status})", 1);
                        }
                    }

                    if (classes is not null)
                    {
                        var account = classes.Customers[i];
                        writer.Text("keyAccount", account.Class?.Name);
                        writer.Number("lifetimeValue", classes.ValueOf(account, KeyAccountMeasure.LifetimeValue));
                        run.Count(account.Class is { } k ? $"key account {k.Name}" : "no key account", 1);
                    }

                    writer.Formatted("fingerprint", customer.Fingerprint);
                    if (explain)
                    {
                        writer.Sentences("explanation", classes is null ? report.Explain(customer) : [.. report.Explain(customer), .. classes.Explain(classes.Customers[i])]);
                    }

                    writer.EndRecord();
                }
            }

            writer.Complete();
        }

        foreach (var id in access.ShowsColumn(RecordSchema.IdField) ? report.CustomersWithoutPurchase : [])
        {
            error.WriteLine($"note: customer {access.Masker?.Mask(access.Echo(RecordSchema.IdField, id)!) ?? id}: only cancellations up to {Text(asOf)}, no purchase to score (left out of the figures)");
        }

        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{report.Customers.Count:N0} customers scored ({(report.Scoring == RfmScoring.Quantiles ? "quintiles" : "fixed bands")})"),
        };
        if (report.CustomersWithoutPurchase.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{report.CustomersWithoutPurchase.Count:N0} with only cancellations"));
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{tally.CancellationLines:N0} cancellation lines {(rules.Cancellations == CancellationHandling.Subtract ? "subtracted" : "ignored")}"));
        if (tally.LinesAfterAnalysisDate > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{tally.LinesAfterAnalysisDate:N0} lines after {Text(asOf)} left out"));
        }

        if (run.WithoutId > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{run.WithoutId:N0} lines without a customer id counted and left out (analytics.rfm.missingCustomerIds: count)"));
        }

        foreach (var (segment, customers) in report.SegmentCounts.Where(c => c.Value > 0))
        {
            run.Count(segment, customers);
        }

        return run.Finish("segments", ruleSet.Fingerprint, string.Join("; ", notes));
    }

    // Lifetime values over the configured horizon, rounded to cents, from BG/NBD and Gamma-Gamma fitted on the log; none
    // (and said so) when the log cannot fit them, e.g. no customer came back.
    private static Dictionary<string, decimal>? LifetimeValues(AnalyticsRules rules, PurchaseHistoryTally tally, TextWriter error)
    {
        var histories = tally.Histories();
        try
        {
            var purchases = rules.FitBgNbd([.. histories.Select(h => h.Summary)]);
            var spend = rules.FitGammaGamma(histories);
            error.WriteLine($"lifetime values from BG/NBD {purchases} and Gamma-Gamma {spend} fitted on {histories.Count:N0} customers (weeks to the analysis date)");
            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var h in histories)
            {
                var value = rules.LifetimeValue(purchases, spend, h);
                if (Math.Abs(value) < 1e15 && Real(value) is { } exact)
                {
                    values[h.CustomerId] = Math.Round(exact, 2, MidpointRounding.AwayFromZero);
                }
            }

            // Too few customers, or data the models do not describe, fit to the edge of the parameter space (a
            // parameter near 0); the value is then undefined for some customers, which is said, not hidden.
            if (values.Count < histories.Count)
            {
                error.WriteLine($"note: {histories.Count - values.Count:N0} of {histories.Count:N0} customers have no finite lifetime value under these fits; key-account conditions on it are not met for them");
            }

            return values;
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException)
        {
            error.WriteLine($"note: no lifetime values ({SafeText.Printable(e.Message.Split(" (Parameter", 2)[0])}); key-account conditions on them are not met");
            return null;
        }
    }

    private static readonly string[] SummaryColumns = ["id", "x", "t_x", "T", "m", "fingerprint"];

    public static int Summarize(DataCommandOptions options, ColumnMapping mapping, string endText, string unitText, TextWriter output, TextWriter error)
    {
        var end = Date("--calibration-end", endText);
        var unit = unitText == "days" ? ModelTimeUnit.Days : ModelTimeUnit.Weeks;
        var ruleSet = options.LoadRules();
        var access = options.AccessFor(ruleSet);
        using var source = options.Open(TransactionRecords.Schema(access, mapping.Columns, mapping.IgnoredColumns));
        var tally = new PurchaseHistoryTally(end, unit);
        var run = new RecordRun(error, "summarize", options.MaxErrors, access) { CountsRecordsWithoutId = ruleSet.Analytics.MissingCustomerIds == MissingCustomerIdHandling.Count };
        run.Run(source, null, record =>
        {
            if (!TransactionRecords.TryRead(record, out var day, out var amount, out _))
            {
                return false;
            }

            tally.Add(record.IdText, day, amount);
            run.Wrote(null);
            return true;
        });

        if (Stopped(run, error, "customer", "a customer's summary depends on every line"))
        {
            return run.Finish("customers", ruleSet.Fingerprint);
        }

        var histories = tally.Histories();
        using (var writer = access.Filter(options.CreateWriter(output, SummaryColumns)))
        {
            writer.Masker = access.Masker;
            foreach (var h in histories)
            {
                writer.BeginRecord();
                writer.Text("id", access.Echo(RecordSchema.IdField, h.CustomerId));
                writer.Integer("x", h.Summary.Frequency);
                writer.Number("t_x", Real(h.Summary.Recency));
                writer.Number("T", Real(h.Summary.Age));
                writer.Number("m", h.MeanRepeatValue);
                writer.Formatted("fingerprint", ruleSet.Fingerprint);
                writer.EndRecord();
            }

            writer.Complete();
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"{histories.Count:N0} customers in {unit.ToString().ToLowerInvariant()} to {Text(end)}; {tally.CancellationLines:N0} cancellation lines and {tally.LinesAfterCalibration:N0} lines after the calibration end left out{(run.WithoutId > 0 ? $"; {run.WithoutId:N0} lines without a customer id counted and left out" : "")}");
        return run.Finish("customers", ruleSet.Fingerprint, note);
    }

    // The fingerprint column that summarize writes is read by no rule: a summary file goes back in as it came out.
    private static readonly string[] SummaryFields = ["x", "t_x", "T", "m", "fingerprint"];

    private static readonly string[] FitColumns = ["r", "alpha", "a", "b", "logLikelihood", "iterations", "converged", "customers", "fingerprint"];

    public static int Fit(DataCommandOptions options, ColumnMapping mapping, TextWriter output, TextWriter error)
    {
        var ruleSet = options.LoadRules();
        var (summaries, run, _) = ReadSummaries(options, mapping, ruleSet, "bgnbd fit", error);
        if (Stopped(run, error, "fit", "the fit depends on every customer"))
        {
            return run.Finish("customers", ruleSet.Fingerprint);
        }

        if (summaries.Count == 0)
        {
            run.Finish("customers", ruleSet.Fingerprint);
            throw new InputException("no customer summary could be read: nothing to fit");
        }

        var model = ruleSet.Analytics.FitBgNbd([.. summaries.Select(s => s.Summary)]);
        using (var writer = options.CreateWriter(output, FitColumns))
        {
            writer.BeginRecord();
            writer.Number("r", Real(model.R));
            writer.Number("alpha", Real(model.Alpha));
            writer.Number("a", Real(model.A));
            writer.Number("b", Real(model.B));
            writer.Number("logLikelihood", Real(model.LogLikelihood));
            writer.Integer("iterations", model.Iterations);
            writer.Boolean("converged", model.Converged);
            writer.Integer("customers", model.Customers);
            writer.Formatted("fingerprint", model.Fingerprint);
            writer.EndRecord();
            writer.Complete();
        }

        if (new[] { model.R, model.Alpha, model.A, model.B }.Any(p => !(p is > 1e-9 and < 1e9)))
        {
            error.WriteLine("warning: a parameter ran to the edge of its range (below 10^-9 or above 10^9): these data do not identify the model (too few customers, or no one came back); do not use these figures");
        }

        if (!model.Converged)
        {
            error.WriteLine($"warning: the fit did not converge in {model.Iterations:N0} iterations (analytics.modelFit.maximumIterations); the parameters are the best point found");
        }

        return run.Finish("customers", ruleSet.Fingerprint);
    }

    private static readonly string[] ScoreColumns = ["id", "pAlive", "expectedPurchases", "churnWarning", "fingerprint"];

    public static int Score(DataCommandOptions options, ColumnMapping mapping, string? parameters, double horizon, TextWriter output, TextWriter error)
    {
        if (!double.IsFinite(horizon) || horizon < 0)
        {
            throw new InputException("--horizon must be a number of periods, 0 or more");
        }

        var ruleSet = options.LoadRules();
        var rules = ruleSet.Analytics;
        var given = parameters is null ? null : Parameters(parameters, ruleSet.Fingerprint);
        var (summaries, run, access) = ReadSummaries(options, mapping, ruleSet, "bgnbd score", error);
        if (given is null && Stopped(run, error, "customer", "the model fitted on them depends on every customer"))
        {
            return run.Finish("customers", ruleSet.Fingerprint);
        }

        var model = given ?? (summaries.Count > 0 ? rules.FitBgNbd([.. summaries.Select(s => s.Summary)]) : null);
        if (given is null && model is not null)
        {
            error.WriteLine($"fitted on the input's {model.Customers:N0} customers: {model}");
        }

        var undefined = 0;
        using (var writer = access.Filter(options.CreateWriter(output, ScoreColumns, [("id", "id"), ("pAlive", "P(alive)"), ("expectedPurchases", "expected"), ("churnWarning", "warning")])))
        {
            writer.Masker = access.Masker;
            foreach (var (id, summary) in model is null ? [] : summaries)
            {
                var alive = model!.ProbabilityAlive(summary);
                var expected = model.ExpectedPurchases(summary, horizon);
                undefined += Real(expected) is null ? 1 : 0;
                writer.BeginRecord();
                writer.Text("id", id);
                // A probability below 10^-28 is 0 at the 28th decimal place, the last a decimal holds.
                writer.Number("pAlive", Real(alive) ?? 0m);
                writer.Number("expectedPurchases", Real(expected));
                writer.Boolean("churnWarning", rules.Warn(alive).Fires);
                writer.Formatted("fingerprint", model.Fingerprint);
                writer.EndRecord();
            }

            writer.Complete();
        }

        if (undefined > 0)
        {
            // At a = 1 exactly, or when the series of equation 10 does not settle (a horizon long against T), the
            // model gives no number: said, not written as 0.
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: {undefined:N0} customers have no expected purchases over {horizon} periods under this model (left empty)"));
        }

        return run.Finish("customers", ruleSet.Fingerprint);
    }

    // Reads x, t_x, T (and m) per customer; the lifetimes-style header ID,frequency,recency,T and CDNOW's ID,x,t_x,T,zbar
    // are recognised by their names when no --columns is given.
    private static (List<(string Id, PurchaseSummary Summary)>, RecordRun, RecordAccess) ReadSummaries(DataCommandOptions options, ColumnMapping mapping, CrmRuleSet ruleSet, string command, TextWriter error)
    {
        var access = options.AccessFor(ruleSet);
        var schema = access.Schema(SummaryFields);
        if (mapping.Columns is null && mapping.IgnoredColumns is null && options.Input != "-" && KnownHeader(options.Input) is { } known)
        {
            schema = TransactionRecords.Mapped(schema, known, null);
        }
        else
        {
            schema = TransactionRecords.Mapped(schema, mapping.Columns, mapping.IgnoredColumns);
        }

        using var source = options.Open(schema);
        var summaries = new List<(string, PurchaseSummary)>();
        var run = new RecordRun(error, command, options.MaxErrors, access);
        run.Run(source, null, record =>
        {
            // Bounded so that every sum and power of the model stays finite: ten million periods is 190,000 years of weeks.
            var x = record.WholeNumber(1, 0, 100_000_000);
            var tx = record.Number(2, 0m, 10_000_000m);
            var age = record.Number(3, 0m, 10_000_000m);
            record.Number(4);
            foreach (var (slot, value) in new[] { (1, x is null ? null : (decimal?)x), (2, tx), (3, age) })
            {
                if (value is null && record.IsValid)
                {
                    record.AddError(schema.Fields[slot], "is required");
                }
            }

            if (!record.IsValid)
            {
                return false;
            }

            var summary = new PurchaseSummary(x!.Value, (double)tx!.Value, (double)age!.Value);
            if (!summary.IsValid)
            {
                record.AddError("t_x", string.Create(CultureInfo.InvariantCulture, $"x {summary.Frequency}, t_x {tx}, T {age} is not a summary: t_x must lie between 0 and T, be 0 when x is 0 and above 0 when x is not"));
                return false;
            }

            summaries.Add((access.Echo(RecordSchema.IdField, record.Id)!, summary));
            run.Wrote(null);
            return true;
        });
        return (summaries, run, access);
    }

    private static string? KnownHeader(string path)
    {
        string? first;
        try
        {
            using var reader = new StreamReader(path);
            first = reader.ReadLine()?.TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return first?.Split(',').Select(c => c.Trim()).ToArray() switch
        {
            ["ID", "frequency", "recency", "T", ..] names => "id=ID,x=frequency,t_x=recency" + (names.Contains("monetary_value") ? ",m=monetary_value" : ""),
            ["ID", "x", "t_x", "T", ..] names => "id=ID" + (names.Contains("zbar") ? ",m=zbar" : ""),
            _ => null,
        };
    }

    private static BgNbdModel Parameters(string text, string fingerprint)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!FieldText.TryParseDecimal(parts[i], out var value, out _) || value <= 0)
            {
                throw new InputException($"--params: '{SafeText.Printable(parts[i])}' is not a positive number (invariant digits with '.')");
            }

            values[i] = (double)value;
        }

        return values.Length == 4
            ? BgNbdModel.FromParameters(values[0], values[1], values[2], values[3], fingerprint)
            : throw new InputException($"--params: give r,alpha,a,b (four numbers); got {values.Length}");
    }

    // The aggregating commands write nothing when --max-errors stopped the reading: figures from part of the input
    // would be wrong, not just fewer.
    private static bool Stopped(RecordRun run, TextWriter error, string what, string why)
    {
        if (run.Stopped)
        {
            error.WriteLine($"error: no {what} written: the input was not read to the end ({why})");
        }

        return run.Stopped;
    }

    private static LocalDate Date(string option, string text)
        => FieldText.TryParseDate(text, out var date, out var problem) ? date : throw new InputException($"{option}: {SafeText.Printable(problem)}");

    private static string Text(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    // Model figures are doubles; they are written to 15 significant digits, as decimals. Zero is zero; a figure a
    // decimal cannot hold (below 10^-28 in size, above 7.9·10^28, NaN, infinite) is written empty rather than changed.
    private static decimal? Real(double value)
        => value == 0 ? 0m
            : double.IsFinite(value) && Math.Abs(value) is >= 1e-28 and < 7.9e28
                ? decimal.Parse(value.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)
                : null;
}
