using Crm.Rules.CommandLine;
using RunOutput = Crm.Rules.CommandLine.Records.RecordRun.Utf8Output;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// <c>crm-rules assess</c> spread over worker threads writes what one thread writes, byte for byte — stdout and stderr:
/// results in input order, the per-record errors where they fall, progress, <c>--max-errors</c> and the record bound
/// stopping at the same record, the same counts and the same portfolio summary. Batches are made tiny so that errors
/// and stops fall inside batches and across their edges.
/// </summary>
public sealed class AssessParallelTests : IDisposable
{
    private static readonly string Profiles = RepositoryPaths.Combine("samples", "data", "profiles.csv");
    private readonly TempFolder _folder = new();
    private readonly string _input;

    public AssessParallelTests()
    {
        // The sample portfolio 25 times with fresh ids, and a bad record every so often (an unknown grade, a stage the
        // machine does not have, an impossible date, a row with a missing separator).
        var lines = File.ReadAllLines(Profiles);
        var rows = new List<string> { lines[0] };
        for (var copy = 0; copy < 25; copy++)
        {
            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split(',');
                fields[0] = $"{fields[0]}-{copy}";
                rows.Add(string.Join(",", fields));
            }

            switch (copy % 4)
            {
                case 0:
                    rows.Add(string.Join(",", lines[1].Split(',').Select((f, i) => i == 0 ? $"bad-grade-{copy}" : i == 1 ? "Z" : f)));
                    break;
                case 1:
                    rows.Add(lines[2].Replace(",growth,", ",limbo,", StringComparison.Ordinal).Replace("RT2024002", $"bad-stage-{copy}", StringComparison.Ordinal));
                    break;
                case 2:
                    rows.Add(lines[3].Replace("2026-06-15", "2026-13-40", StringComparison.Ordinal).Replace("MF2023017", $"bad-date-{copy}", StringComparison.Ordinal));
                    break;
                default:
                    rows.Add($"short-{copy},A,5");
                    break;
            }
        }

        _input = _folder.Write("portfolio.csv", string.Join("\n", rows) + "\n");
    }

    public void Dispose() => _folder.Dispose();

    private static (int Exit, string Output, string Error) Run(CommandEnvironment environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, output, error, outputIsTerminal: false, environment);
        return (exit, output.ToString(), error.ToString());
    }

    public static TheoryData<string[]> Runs() => new()
    {
        { ["--format", "csv"] },
        { ["--format", "jsonl"] },
        { ["--format", "jsonl", "--explain"] },
        { ["--format", "csv", "--summary"] },
        { ["--format", "csv", "--max-errors", "3"] },
        { ["--format", "jsonl", "--max-errors", "1"] },
        { ["--format", "csv", "--reveal"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void ManyWorkers_WriteWhatOneWrites_StdoutAndStderr(string[] options)
    {
        string[] args = ["assess", "--input", _input, "--as-of", "2026-11-24", .. options];
        var one = Run(new CommandEnvironment { Workers = 1 }, args);
        Assert.Contains("failed", one.Error, StringComparison.Ordinal);
        // (The last two: the first worker alone for its first records — a stop among them too — then all of them.)
        foreach (var (workers, batch, warmUp) in new[] { (2, 1, 0), (3, 7, 0), (2, 64, 0), (3, 2, 9), (2, 4, 1_000_000) })
        {
            var many = Run(new CommandEnvironment { Workers = workers, BatchSize = batch, WarmUpRecords = warmUp }, args);
            Assert.Equal(one.Exit, many.Exit);
            Assert.Equal(one.Output, many.Output);
            Assert.Equal(one.Error, many.Error);
        }
    }

    // The command line's stdout is a UTF-8 StreamWriter: the workers' UTF-8 goes to its stream as it is, after what the
    // writer holds. Through any encoding the bytes are those one thread's text writer makes — with a byte order mark,
    // in UTF-16 (decoded and written as text), with the "→" and "≥" of the guards and the failed records between.
    public static TheoryData<string, string[]> StreamRuns()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var encoding in new[] { "utf-8", "utf-8-bom", "utf-16" })
        {
            data.Add(encoding, ["--format", "csv", "--explain"]);
            data.Add(encoding, ["--format", "jsonl", "--explain"]);
            data.Add(encoding, ["--format", "csv", "--max-errors", "3", "--summary"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StreamRuns))]
    public void ManyWorkers_ThroughAStream_WriteTheBytesOneWrites(string encodingName, string[] options)
    {
        var encoding = encodingName switch
        {
            "utf-8" => new System.Text.UTF8Encoding(false),
            "utf-8-bom" => new System.Text.UTF8Encoding(true),
            _ => (System.Text.Encoding)new System.Text.UnicodeEncoding(false, true),
        };
        string[] args = ["assess", "--input", _input, "--as-of", "2026-11-24", .. options];
        var (oneExit, oneBytes, oneError) = RunToStream(new CommandEnvironment { Workers = 1 }, encoding, args);
        Assert.Contains("→", encoding.GetString(oneBytes), StringComparison.Ordinal);
        foreach (var (workers, batch) in new[] { (2, 1), (3, 7), (2, 64) })
        {
            var (exit, bytes, error) = RunToStream(new CommandEnvironment { Workers = workers, BatchSize = batch }, encoding, args);
            Assert.Equal(oneExit, exit);
            Assert.Equal(oneError, error);
            Assert.Equal(oneBytes, bytes);
        }
    }

    [Fact]
    public async Task AStopByMaxErrors_EndsEveryWorker_NoneWaitsForEver()
    {
        // Three workers, batches of one, slots all held by batches waiting for their turn when the errors stop the run:
        // every waiting worker must wake. A race, so run many times; a run left waiting fails the test, not the suite.
        string[] args = ["assess", "--input", _input, "--as-of", "2026-11-24", "--format", "csv", "--max-errors", "1"];
        var expected = Run(new CommandEnvironment { Workers = 1 }, args);
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var run = Task.Run(() => Run(new CommandEnvironment { Workers = 3, BatchSize = 1 }, args));
            var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(ReferenceEquals(run, ended), $"attempt {attempt}: a worker still waits 30 s after the stop");
            Assert.Equal(expected, await run);
        }
    }

    [Fact]
    public void TheWorkersUtf8_GoesStraightToTheStream_OnlyUnderAUtf8WriterThatReplaces()
    {
        using var stream = new MemoryStream();
        Assert.True(new RunOutput(new StreamWriter(stream, new System.Text.UTF8Encoding(false))).Direct);
        Assert.True(new RunOutput(new StreamWriter(stream, System.Text.Encoding.UTF8)).Direct);
        Assert.False(new RunOutput(new StreamWriter(stream, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true))).Direct);
        Assert.False(new RunOutput(new StreamWriter(stream, System.Text.Encoding.Unicode)).Direct);
        Assert.False(new RunOutput(new StringWriter()).Direct);
    }

    [Fact]
    public void TheWorkersUtf8_IsGathered_NotWrittenPieceByPiece_AndFollowsWhatTheWriterHolds()
    {
        // Records that alternate with failed ones reach the output one at a time: they must not cost a write each.
        var stream = new CountingStream();
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 10, leaveOpen: true);
        writer.Write("header\n");
        var output = new RunOutput(writer);
        var expected = new List<byte>("header\n"u8.ToArray());
        for (var i = 0; i < 1_000; i++)
        {
            var record = System.Text.Encoding.UTF8.GetBytes($"record {i} → ≥\n");
            output.Write(record);
            expected.AddRange(record);
        }

        output.Flush();
        writer.Write("after\n");
        writer.Flush();
        expected.AddRange("after\n"u8.ToArray());
        Assert.Equal(expected, stream.ToArray());
        Assert.InRange(stream.Writes, 2, 6);
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes += count > 0 ? 1 : 0;
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes += buffer.IsEmpty ? 0 : 1;
            base.Write(buffer);
        }
    }

    private static (int Exit, byte[] Output, string Error) RunToStream(CommandEnvironment environment, System.Text.Encoding encoding, string[] args)
    {
        using var stream = new MemoryStream();
        using var error = new StringWriter();
        int exit;
        using (var output = new StreamWriter(stream, encoding, 1 << 10, leaveOpen: true))
        {
            exit = CliApp.Run(args, output, error, outputIsTerminal: false, environment);
        }

        return (exit, stream.ToArray(), error.ToString());
    }

    [Fact]
    public void AnInputErrorMidFile_EndsManyWorkersWhereItEndsOne_AfterTheRecordsBefore()
    {
        // Invalid UTF-8 on line 30: the records before it are assessed and written, then the input error.
        var lines = File.ReadAllLines(_input).Take(40).ToArray();
        var bytes = new List<byte>();
        for (var i = 0; i < lines.Length; i++)
        {
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(lines[i]));
            if (i == 29)
            {
                bytes.AddRange(new byte[] { 0xC3, 0x28 });
            }

            bytes.Add((byte)'\n');
        }

        var broken = Path.Combine(_folder.Path, "broken.csv");
        File.WriteAllBytes(broken, [.. bytes]);
        string[] args = ["assess", "--input", broken, "--as-of", "2026-11-24", "--format", "csv"];
        var one = Run(new CommandEnvironment { Workers = 1 }, args);
        Assert.Contains("not valid UTF-8", one.Error, StringComparison.Ordinal);
        Assert.Equal(2, one.Exit);
        var many = Run(new CommandEnvironment { Workers = 2, BatchSize = 8 }, args);
        Assert.Equal((one.Exit, one.Output, one.Error), (many.Exit, many.Output, many.Error));
    }

    [Fact]
    public void JsonLinesInput_AndAnEmptyFile_GiveWhatOneWorkerGives()
    {
        // JSON Lines keeps JSON kinds (numbers, booleans, an object of facts): the copies a worker gets keep them too.
        var jsonl = _folder.Write("profiles.jsonl", string.Join("\n", Enumerable.Range(0, 30).Select(i =>
            $$"""{"id": "JS2024{{i:000}}", "grade": "{{(i % 3 == 0 ? "A" : "B")}}", "stage": "growth", "facts": {"firstDealDone": true, "repeatPurchasesWithin6Months": {{i % 5}}}, "lastContact": "2026-10-0{{(i % 9) + 1}}", "recencyDays": {{i}}, "purchases": 3, "monetary": {{1000 + i}}{{(i == 7 ? ", \"previousTotal\": \"x\"" : "")}}}""")) + "\n");
        var empty = _folder.Write("empty.csv", "id,grade,stage\n");
        foreach (var input in new[] { jsonl, empty })
        {
            string[] args = ["assess", "--input", input, "--as-of", "2026-11-24", "--format", "jsonl"];
            var one = Run(new CommandEnvironment { Workers = 1 }, args);
            var many = Run(new CommandEnvironment { Workers = 3, BatchSize = 4 }, args);
            Assert.Equal((one.Exit, one.Output, one.Error), (many.Exit, many.Output, many.Error));
        }

        Assert.Contains("1 failed", Run(new CommandEnvironment { Workers = 2, BatchSize = 4 }, "assess", "--input", jsonl, "--as-of", "2026-11-24").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AmountsTheValuePerGradeCouldNotSumExactly_AreErrorsOfTheirLines_SoAnySplitSumsAlike()
    {
        // A decimal sum rounds once it needs more than 28 digits: 10^18 + 10^-11 - 10^18 is 0 added in that order and
        // 10^-11 in another, and nine octillion overflows after nine profiles. Amounts beyond a quadrillion or finer
        // than ten-thousandths are refused where they are read; what is left sums exactly, whatever the split.
        var lines = File.ReadAllLines(Profiles);
        var monetary = Array.IndexOf(lines[0].Split(','), "monetary");
        string[] amounts = ["1000000000000000", "0.0001", "-1000000000000000", "1.500000", "0.00001", "1000000000000000000", "9000000000000000000000000000"];
        var rows = Enumerable.Range(0, 21).Select(i =>
        {
            var fields = lines[1].Split(',');
            fields[0] = $"BIG{i:00}";
            fields[monetary] = amounts[i % amounts.Length];
            return string.Join(",", fields);
        });
        var huge = _folder.Write("huge.csv", string.Join("\n", [lines[0], .. rows]) + "\n");
        string[] args = ["assess", "--input", huge, "--as-of", "2026-11-24", "--format", "csv", "--summary"];
        var one = Run(new CommandEnvironment { Workers = 1 }, args);
        Assert.Contains("huge.csv line 6 (id BIG04), field 'monetary': '0.00001' has more than 4 decimal places", one.Error, StringComparison.Ordinal);
        Assert.Contains("huge.csv line 7 (id BIG05), field 'monetary'", one.Error, StringComparison.Ordinal);
        Assert.Contains("huge.csv line 8 (id BIG06), field 'monetary'", one.Error, StringComparison.Ordinal);
        Assert.Contains("12 written, 9 failed", one.Error, StringComparison.Ordinal);
        Assert.Contains("BIG03,", one.Output, StringComparison.Ordinal);
        foreach (var (workers, batch) in new[] { (3, 1), (2, 2), (3, 5) })
        {
            var many = Run(new CommandEnvironment { Workers = workers, BatchSize = batch }, args);
            Assert.Equal((one.Exit, one.Output, one.Error), (many.Exit, many.Output, many.Error));
        }

        var oneFile = Path.Combine(_folder.Path, "one-huge.html");
        var manyFile = Path.Combine(_folder.Path, "many-huge.html");
        Run(new CommandEnvironment { Workers = 1 }, "report", "--input", huge, "--as-of", "2026-11-24", "--out", oneFile);
        Run(new CommandEnvironment { Workers = 3, BatchSize = 1 }, "report", "--input", huge, "--as-of", "2026-11-24", "--out", manyFile);
        Assert.Equal(File.ReadAllText(oneFile), File.ReadAllText(manyFile));
    }

    [Fact]
    public void TheRecordBound_StopsManyWorkersWhereItStopsOne()
    {
        string[] args = ["assess", "--input", _input, "--as-of", "2026-11-24", "--format", "csv"];
        var one = Run(new CommandEnvironment { Workers = 1, MaxRecords = 40 }, args);
        var many = Run(new CommandEnvironment { Workers = 3, BatchSize = 6, MaxRecords = 40 }, args);
        Assert.Contains("more records than one run may read", one.Error, StringComparison.Ordinal);
        Assert.Equal((one.Exit, one.Output, one.Error), (many.Exit, many.Output, many.Error));
    }

    [Fact]
    public void TheWorkersOption_IsCappedByTheEnvironment_AndRefusesZero()
    {
        Assert.Equal(2, CliRun.Run("assess", "--input", _input, "--as-of", "2026-11-24", "--workers", "0").Exit);
        string[] args = ["assess", "--input", _input, "--as-of", "2026-11-24", "--format", "csv", "--workers", "8"];
        var capped = Run(new CommandEnvironment { Workers = 1 }, args);
        var spread = Run(new CommandEnvironment { Workers = 4, BatchSize = 5 }, args);
        Assert.Equal(capped.Output, spread.Output);
        Assert.Equal(capped.Error, spread.Error);
    }

    [Fact]
    public void DuplicateIds_GiveTheSameTopAtRisk_WhateverTheWorkers()
    {
        // The sample's rows 20 times with their ids as they are: customers at risk that tie on everything but their place
        // in the file. Their order in the summary must not depend on how the workers split the file.
        var lines = File.ReadAllLines(Profiles);
        var duplicated = _folder.Write("duplicates.csv", string.Join("\n", [lines[0], .. Enumerable.Repeat(lines.Skip(1), 20).SelectMany(l => l)]) + "\n");
        var oneFile = Path.Combine(_folder.Path, "one-dup.html");
        var manyFile = Path.Combine(_folder.Path, "many-dup.html");
        var one = Run(new CommandEnvironment { Workers = 1 }, "report", "--input", duplicated, "--as-of", "2026-11-24", "--out", oneFile);
        var many = Run(new CommandEnvironment { Workers = 3, BatchSize = 5 }, "report", "--input", duplicated, "--as-of", "2026-11-24", "--out", manyFile);
        Assert.Equal(one.Error, many.Error);
        Assert.Equal(File.ReadAllText(oneFile), File.ReadAllText(manyFile));
    }

    [Fact]
    public void Report_FromManyWorkers_IsTheReportOfOne()
    {
        var oneFile = Path.Combine(_folder.Path, "one.html");
        var manyFile = Path.Combine(_folder.Path, "many.html");
        var one = Run(new CommandEnvironment { Workers = 1 }, "report", "--input", _input, "--as-of", "2026-11-24", "--out", oneFile);
        var many = Run(new CommandEnvironment { Workers = 3, BatchSize = 4 }, "report", "--input", _input, "--as-of", "2026-11-24", "--out", manyFile);
        Assert.Equal(one.Exit, many.Exit);
        Assert.Equal(one.Error, many.Error);
        Assert.Equal(File.ReadAllText(oneFile), File.ReadAllText(manyFile));
    }
}
