using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

/// <summary>The analytics commands at the record boundary: column mapping, strict days and amounts, missing ids, gzip, summaries.</summary>
public sealed class AnalyticsCliTests : IDisposable
{
    private const string Log = """
        id,date,amount,invoice
        C-1,2026-11-20,120.50,I-1
        C-1,2026-11-20,30,I-1
        C-1,2026-10-01,80,I-2
        C-2,2026-06-01 09:15:00,20,I-3
        C-3,2026-11-29T10:00:00+08:00,5000,I-4
        C-3,2026-11-29,-100,I-5
        C-4,2026-11-01,-5,I-6
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Fingerprint => CrmRuleSet.SeedStandard.Fingerprint;

    [Fact]
    public void Rfm_ALog_GivesFiguresScoresSegmentsAndTiers_AndNamesCustomersWithOnlyCancellations()
    {
        var (exit, output, error) = CliRun.Run("rfm", "--input", _temp.Write("log.csv", Log), "--as-of", "2026-11-30", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal(
            [
                "id,recency,frequency,monetary,r,f,m,segment,vipTier,fingerprint",
                // Three customers: ranks 0, 1, 2 score 1 + ⌊5·i/3⌋ = 1, 2, 4 (a 5 needs five customers); 8 % and 23 % of three are no one.
                $"C-1,10,2,230.5,2,4,2,at risk,,{Fingerprint}",
                $"C-2,182,1,20,1,1,1,lost,,{Fingerprint}",
                $"C-3,1,1,4900,4,1,4,others,,{Fingerprint}",
            ],
            output.TrimEnd().Split(Environment.NewLine));
        Assert.Contains("note: customer C-4: only cancellations up to 2026-11-30, no purchase to score (left out of the figures)", error, StringComparison.Ordinal);
        Assert.EndsWith(
            $"7 records, 7 written, 0 failed; segments: at risk 1, lost 1, others 1; 3 customers scored (quintiles); 1 with only cancellations; 2 cancellation lines subtracted; rule set {Fingerprint}",
            error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_Summary_CountsEverySegmentInTableOrder()
    {
        var (exit, output, _) = CliRun.Run("rfm", "--input", _temp.Write("log.csv", Log), "--as-of", "2026-11-30", "--summary", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().Select(e => (e.GetProperty("segment").GetString(), e.GetProperty("customers").GetInt32())).ToList();
        Assert.Equal(CrmRuleSet.SeedStandard.Analytics.Segments.Select(s => s.Name), rows.Select(r => r.Item1));
        Assert.Equal(3, rows.Sum(r => r.Item2));
    }

    [Fact]
    public void Rfm_Explain_SaysWhyEachScore()
    {
        var (exit, output, _) = CliRun.Run("rfm", "--input", _temp.Write("log.csv", Log), "--as-of", "2026-11-30", "--explain", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement[0].GetProperty("explanation").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("F 4: 2 purchases; customers with 2 purchases score 4 (quintiles of 3 customers)", first[1]);
    }

    [Fact]
    public void Rfm_AnotherSystemsColumns_AreMapped_AndTheUnreadOnesMustBeNamed()
    {
        var export = _temp.Write("export.csv", """
            InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
            C536379,D,-1,2010-12-01 09:41:00,27.50,17850,United Kingdom
            536366,22633,2,2010-12-01 08:28:00,1.85,13047,United Kingdom
            """);
        string[] mapping = ["--columns", "id=CustomerID,date=InvoiceDate,quantity=Quantity,price=UnitPrice,invoice=InvoiceNo"];

        var (exit, output, _) = CliRun.Run(["rfm", "--input", export, "--as-of", "2010-12-10", "--format", "csv", .. mapping, "--ignore-columns", "StockCode,Country"]);
        Assert.Equal(0, exit);
        Assert.Contains("13047,9,1,3.7,", output, StringComparison.Ordinal);
        Assert.Contains("17850,9,1,-12.2,", output, StringComparison.Ordinal);

        var (refused, _, error) = CliRun.Run(["rfm", "--input", export, "--as-of", "2010-12-10", .. mapping, "--ignore-columns", "StockCode"]);
        Assert.Equal(2, refused);
        Assert.Equal(
            "error: export.csv line 1: unknown column 'Country'; the columns are CustomerID, InvoiceDate, amount, Quantity, UnitPrice, InvoiceNo, owner, team, name, contactPerson, contactDetails, phone, email, address (name a column that no rule reads as ignored)",
            error.Trim());
    }

    [Theory]
    [InlineData("--columns", "id", "--columns: 'id' is not field=Column (e.g. id=CustomerID)")]
    [InlineData("--columns", "customer=CustomerID", "--columns: 'customer' is not a field (the fields are id, date, amount, quantity, price, invoice, owner, team, name, contactPerson, contactDetails, phone, email, address)")]
    [InlineData("--columns", "id=X,date=X", "--columns: the column 'X' would be read for two fields")]
    [InlineData("--ignore-columns", "amount", "--columns: the column 'amount' is blank or is the column of a field, so it cannot be ignored")]
    public void Rfm_AMalformedMapping_IsRefusedBeforeReading(string option, string value, string expected)
    {
        var (exit, _, error) = CliRun.Run("rfm", "--input", _temp.Write("log.csv", Log), "--as-of", "2026-11-30", option, value);
        Assert.Equal(2, exit);
        Assert.Equal($"error: {expected}", error.Trim());
    }

    [Fact]
    public void Rfm_BadLines_AreReportedWithTheirLine_AndTheOthersStillCount()
    {
        var log = _temp.Write("bad.csv", """
            id,date,amount,quantity,price
            C-1,2026-11-20,10,,
            C-2,20/11/2026,10,,
            C-3,2026-11-20,"4,5",,
            C-4,2026-11-20,10,2,3
            C-5,2026-11-20,,2,
            ,2026-11-20,10,,
            C-6,2026-11-21,,2,2.5
            """);
        var (exit, output, error) = CliRun.Run("rfm", "--input", log, "--as-of", "2026-11-30", "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Equal(["C-1", "C-6"], output.TrimEnd().Split(Environment.NewLine).Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("C-6,9,1,5,", output, StringComparison.Ordinal);
        var errors = error.Split(Environment.NewLine).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "error: bad.csv line 3 (id C-2), field 'date': '20/11/2026' is not a day such as 2026-11-24, 2026-11-24 08:26:00 or 2026-11-24T08:26:00+08:00",
                "error: bad.csv line 4 (id C-3), field 'amount': '4,5' is not a number: use '.' for decimals and no thousands separators",
                "error: bad.csv line 5 (id C-4), field 'amount': give amount, or quantity and price, not both",
                "error: bad.csv line 6 (id C-5), field 'price': is required: give amount, or quantity and price",
                "error: bad.csv line 7, field 'id': every record needs an id",
            ],
            errors);
        Assert.Contains("7 records, 2 written, 5 failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_LinesWithoutACustomer_AreCountedWhenTheRulesSaySo_TheirOtherFieldsUnread()
    {
        var log = _temp.Write("anonymous.csv", """
            id,date,amount
            C-1,2026-11-20,10
            ,2026-11-20,10
            ,2026-11-21,12
            ,not-a-day,1
            C-2,not-a-day,1
            """);
        var config = _temp.Write("count.json", """{ "analytics": { "rfm": { "missingCustomerIds": "count" } } }""");
        var (exit, _, error) = CliRun.Run("rfm", "--input", log, "--as-of", "2026-11-30", "--config", config, "--format", "csv");

        // A line without a customer belongs to no one: it is counted, its other fields are not read. A customer's bad line is still an error.
        Assert.Equal(2, exit);
        Assert.Equal("error: anonymous.csv line 6 (id C-2), field 'date': 'not-a-day' is not a day such as 2026-11-24, 2026-11-24 08:26:00 or 2026-11-24T08:26:00+08:00", error.Split(Environment.NewLine)[0]);
        Assert.Contains("3 lines without a customer id counted and left out (analytics.rfm.missingCustomerIds: count)", error, StringComparison.Ordinal);

        var (rejected, _, errors) = CliRun.Run("rfm", "--input", log, "--as-of", "2026-11-30", "--format", "csv");
        Assert.Equal(2, rejected);
        Assert.Contains("error: anonymous.csv line 3, field 'id': every record needs an id", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_AGzipFile_IsReadThroughGzip_AndBrokenGzipIsSaidToBe()
    {
        var path = Path.Combine(_temp.Path, "log.csv.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Log));
        }

        var (exit, output, _) = CliRun.Run("rfm", "--input", path, "--as-of", "2026-11-30", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Equal(4, output.TrimEnd().Split(Environment.NewLine).Length);

        var bytes = File.ReadAllBytes(path);
        Array.Fill(bytes, (byte)0xFF, 10, bytes.Length - 10);
        File.WriteAllBytes(path, bytes);
        var (broken, _, error) = CliRun.Run("rfm", "--input", path, "--as-of", "2026-11-30", "--format", "csv");
        Assert.Equal(2, broken);
        Assert.Contains("log.csv.gz: the gzip data are broken", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_ContactDetailsInIds_AreMasked()
    {
        var log = _temp.Write("emails.csv", "id,date,amount\nzhang.san@example.com,2026-11-20,10\n");
        var (exit, output, _) = CliRun.Run("rfm", "--input", log, "--as-of", "2026-11-30", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("zhang.san@example.com", output, StringComparison.Ordinal);
        Assert.Contains("z***@example.com", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Churn_APAliveColumn_FiresTheEarlyWarningSignal_WithItsEvidence()
    {
        var customers = _temp.Write("churn.csv", "id,asOf,grade,pAlive\nC-1,2026-11-30,A,0.1235\nC-2,2026-11-30,A,0.3\nC-3,2026-11-30,A,1.5\n");
        var (exit, output, error) = CliRun.Run("churn", "--input", customers, "--explain", "--format", "json");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["lowProbabilityAlive"], json.RootElement[0].GetProperty("signals").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            "lowProbabilityAlive: P(alive) 0.1235 below 0.3: by the BG/NBD model of the purchase history the customer has probably stopped buying",
            json.RootElement[0].GetProperty("evidence")[0].GetString());
        Assert.Empty(json.RootElement[1].GetProperty("signals").EnumerateArray());
        Assert.Contains("churn.csv line 4 (id C-3), field 'pAlive'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_Grade_GradesFromTheHistoryAlone_WithTheModelsBands()
    {
        var (exit, output, error) = CliRun.Run("rfm", "--input", _temp.Write("log.csv", Log), "--as-of", "2026-11-30", "--grade", "--format", "csv",
            "--config", RepositoryPaths.Combine("samples", "config", "online-retail.json"));

        Assert.Equal(0, exit);
        var rows = output.TrimEnd().Split(Environment.NewLine);
        Assert.Equal("id,recency,frequency,monetary,r,f,m,segment,vipTier,grade,total,fingerprint", rows[0]);
        // C-3: 4,900 spent (3,000–10,000 → 4), one invoice (→ 1), 1 day (→ 5): 0.5·4 + 0.3·1 + 0.2·5 = 3.3.
        Assert.StartsWith("C-3,1,1,4900,4,1,4,others,,B,3.3,", rows[3], StringComparison.Ordinal);
        Assert.Contains("grade B 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_KeyAccounts_FitTheModelsOnTheLog_OrSayWhyNot()
    {
        var (exit, output, error) = CliRun.Run("rfm", "--input", _temp.Write("log.csv", Log), "--as-of", "2026-11-30", "--key-accounts", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Equal("id,recency,frequency,monetary,r,f,m,segment,vipTier,keyAccount,lifetimeValue,fingerprint", output.Split(Environment.NewLine)[0]);
        Assert.Contains("lifetime values from BG/NBD r ", error, StringComparison.Ordinal);
        Assert.Contains("no key account 3", error, StringComparison.Ordinal);

        var single = _temp.Write("single.csv", "id,date,amount\nA,2026-01-01,5\nB,2026-02-01,7\n");
        var (ok, _, said) = CliRun.Run("rfm", "--input", single, "--as-of", "2026-11-30", "--key-accounts", "--format", "csv");
        Assert.Equal(0, ok);
        Assert.Contains("note: no lifetime values (no customer has a repeat purchase with a positive mean value: the spend model has nothing to fit); key-account conditions on them are not met", said, StringComparison.Ordinal);
    }

    [Fact]
    public void BgNbdScore_MasksContactDetailsInIds_AndKeepsToTheViewersColumns()
    {
        var summaries = _temp.Write("s.csv", "id,x,t_x,T\nalice@example.com,2,30.43,38.86\n");
        var (exit, output, _) = CliRun.Run("bgnbd", "score", "--input", summaries, "--params", "0.243,4.414,0.793,2.426", "--horizon", "39", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("alice@example.com", output, StringComparison.Ordinal);
        Assert.Contains("a***@example.com", output, StringComparison.Ordinal);

        var (viewed, usageOnly, _) = CliRun.Run("bgnbd", "score", "--input", summaries, "--params", "0.243,4.414,0.793,2.426", "--horizon", "39", "--format", "csv", "--viewer", "engineer:e1");
        // A usage-only viewer: CSV keeps the header and leaves the cells it may not see empty (docs/access.md).
        Assert.Equal(0, viewed);
        Assert.Equal($"a***@example.com,,,,{Fingerprint}", usageOnly.TrimEnd().Split(Environment.NewLine)[1]);
    }

    [Fact]
    public void Rfm_AGzipFileCutShort_IsSaidToBe_NotReadAsShorter()
    {
        var text = new StringBuilder("id,date,amount\n");
        for (var i = 0; i < 2000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"C{i % 300},2010-12-0{1 + (i % 9)},{i}.{i % 100:00}\n");
        }

        var path = Path.Combine(_temp.Path, "cut.csv.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }

        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        var (exit, _, error) = CliRun.Run("rfm", "--input", path, "--as-of", "2010-12-31", "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Contains("cut.csv.gz: the gzip data end early", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_AnIdOfTheWrongKind_IsAnError_EvenWhenLinesWithoutACustomerAreCounted()
    {
        var log = _temp.Write("log.jsonl", "{\"id\":17850,\"date\":\"2010-12-01\",\"amount\":15.3}\n{\"id\":\"17851\",\"date\":\"2010-12-01\",\"amount\":1}\n");
        var config = _temp.Write("count.json", """{ "analytics": { "rfm": { "missingCustomerIds": "count" } } }""");
        var (exit, _, error) = CliRun.Run("rfm", "--input", log, "--as-of", "2010-12-10", "--config", config, "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Contains("field 'id': the id is a JSON number; give it as a string", error, StringComparison.Ordinal);
        Assert.DoesNotContain("without a customer id counted", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_AnAmountBeyondAQuadrillion_IsAnErrorOfItsLine_NotAnOverflowLater()
    {
        var log = _temp.Write("big.csv", "id,date,amount,quantity,price\nC1,2010-12-01,1,,\nC1,2010-12-02,,50000000000000000,1000000000000\nC1,2010-12-03,2000000000000000,,\n");
        var (exit, output, error) = CliRun.Run("rfm", "--input", log, "--as-of", "2010-12-10", "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Contains("big.csv line 3 (id C1), field 'quantity'", error, StringComparison.Ordinal);
        Assert.Contains("big.csv line 4 (id C1), field 'amount'", error, StringComparison.Ordinal);
        Assert.Contains("C1,9,1,1,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_StoppedByMaxErrors_WritesNoCustomer_ForFiguresFromPartOfTheLogWouldBeWrong()
    {
        var log = _temp.Write("stop.csv", "id,date,amount\nA,2026-11-01,100\nB,2026-11-01,bad\nA,2026-11-02,6000\n");
        var (exit, output, error) = CliRun.Run("rfm", "--input", log, "--as-of", "2026-11-30", "--format", "csv", "--max-errors", "1");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("error: no customer written: the input was not read to the end", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nps", "id,score\nr1,9\nr2,x\nr3,10\n", "report")]
    [InlineData("prioritise", "id,customerGrade,importance,urgency\nd1,A,5,5\nd2,A,9,5\nd3,B,1,1\n", "backlog")]
    [InlineData("funnel", "id,stage,at\nd1,lead,2026-01-01T00:00:00Z\nd2,nope,2026-01-01T00:00:00Z\n", "funnel report")]
    public void AggregatingCommands_StoppedByMaxErrors_WriteNothing(string command, string csv, string what)
    {
        var (exit, output, error) = CliRun.Run(command, "--input", _temp.Write("in.csv", csv), "--max-errors", "1", "--format", "json");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"error: no {what} written: the input was not read to the end", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_MergesSameDayPurchases_AndGivesXTxTAndM()
    {
        var log = _temp.Write("log.csv", """
            id,date,amount
            a,2026-01-01,10
            a,2026-01-01,5
            a,2026-01-15,20
            a,2026-01-29,40
            b,2026-01-08,7
            b,2026-01-09,-7
            c,2026-03-01,9
            """);
        var (exit, output, error) = CliRun.Run("summarize", "--input", log, "--calibration-end", "2026-01-29", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal(["id,x,t_x,T,m,fingerprint", $"a,2,4,4,30,{Fingerprint}", $"b,0,0,3,0,{Fingerprint}"], output.TrimEnd().Split(Environment.NewLine));
        Assert.Contains("2 customers in weeks to 2026-01-29; 1 cancellation lines and 1 lines after the calibration end left out", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BgNbd_FitThenScore_OnTheSummaryFormatSummarizeWrites()
    {
        var lines = new StringBuilder("id,x,t_x,T\n");
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var age = 20 + random.Next(20);
            var x = random.Next(4) == 0 ? 0 : random.Next(1, 8);
            lines.Append($"c{i},{x},{(x == 0 ? 0 : random.Next(1, age + 1))},{age}\n");
        }

        var summaries = _temp.Write("summary.csv", lines.ToString());
        var (exit, output, _) = CliRun.Run("bgnbd", "fit", "--input", summaries, "--format", "json");
        Assert.Equal(0, exit);
        using var fit = JsonDocument.Parse(output);
        var model = fit.RootElement[0];
        Assert.True(model.GetProperty("converged").GetBoolean());
        Assert.Equal(300, model.GetProperty("customers").GetInt32());
        var parameters = string.Join(",", new[] { "r", "alpha", "a", "b" }.Select(p => model.GetProperty(p).GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var (scored, scores, _) = CliRun.Run("bgnbd", "score", "--input", summaries, "--params", parameters, "--horizon", "10", "--format", "csv");
        Assert.Equal(0, scored);
        var rows = scores.TrimEnd().Split(Environment.NewLine);
        Assert.Equal("id,pAlive,expectedPurchases,churnWarning,fingerprint", rows[0]);
        Assert.Equal(301, rows.Length);
        Assert.All(rows.Skip(1), r => Assert.InRange(decimal.Parse(r.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 0m, 1m));
    }

    [Theory]
    [InlineData("id,x,t_x,T\na,2,40,30\n", "field 't_x': x 2, t_x 40, T 30 is not a summary: t_x must lie between 0 and T, be 0 when x is 0 and above 0 when x is not")]
    [InlineData("id,x,t_x,T\na,1,0,30\n", "field 't_x': x 1, t_x 0, T 30 is not a summary")]
    [InlineData("id,x,t_x,T\na,1,1,10000001\n", "field 'T'")]
    [InlineData("id,x,t_x,T\na,-1,0,30\n", "field 'x'")]
    [InlineData("id,x,t_x,T\na,2,,30\n", "field 't_x': is required")]
    public void BgNbd_ABadSummary_IsReportedAndLeftOut(string csv, string expected)
    {
        var (exit, _, error) = CliRun.Run("bgnbd", "score", "--input", _temp.Write("s.csv", csv), "--params", "0.243,4.414,0.793,2.426", "--horizon", "1");
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.243,4.414,0.793", "--params: give r,alpha,a,b (four numbers); got 3")]
    [InlineData("0.243,4.414,0.793,0", "--params: '0' is not a positive number (invariant digits with '.')")]
    [InlineData("0,243,4.414,0.793", "--params: '0' is not a positive number (invariant digits with '.')")]
    public void BgNbd_BadParameters_AreRefused(string parameters, string expected)
    {
        var (exit, _, error) = CliRun.Run("bgnbd", "score", "--input", _temp.Write("s.csv", "id,x,t_x,T\na,1,1,2\n"), "--params", parameters, "--horizon", "1");
        Assert.Equal(2, exit);
        Assert.Equal($"error: {expected}", error.Trim());
    }
}
