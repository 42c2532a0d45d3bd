using System.Text.RegularExpressions;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Cli;

/// <summary>What a row of a generated input is: valid, or wrong in one of the ways issue 10 lists.</summary>
public enum RowDefect
{
    None,
    DecimalComma,
    MissingColumn,
    ExtraColumn,
    NoId,
    BlankLine,
    OutOfRange,
    Text,
}

/// <summary>One generated customer row: six raw numbers (mapped to scores 1..5) and what is wrong with it.</summary>
public sealed record MixedRow(int A, int B, int C, int D, int E, int F, RowDefect Defect)
{
    private int[] Scores => [A, B, C, D, E, F];

    public string Line(int index)
    {
        var scores = Scores.Select(s => (Math.Abs(s % 5) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var id = $"C{index}";
        return Defect switch
        {
            RowDefect.DecimalComma => $"{id},\"{scores[0]},5\",{string.Join(',', scores[1..])}",
            RowDefect.MissingColumn => $"{id},{string.Join(',', scores[1..])}",
            RowDefect.ExtraColumn => $"{id},{string.Join(',', scores)},1",
            RowDefect.NoId => $",{string.Join(',', scores)}",
            RowDefect.BlankLine => "  ",
            RowDefect.OutOfRange => $"{id},9,{string.Join(',', scores[1..])}",
            RowDefect.Text => $"{id},high,{string.Join(',', scores[1..])}",
            _ => $"{id},{string.Join(',', scores)}",
        };
    }
}

/// <summary>The record pipeline's contract over any mix of valid and invalid records (issue 10).</summary>
public sealed class RecordPipelineProperties : IDisposable
{
    private const string Header = "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Property(MaxTest = 200)]
    public bool WrittenPlusFailedIsEveryRecord_AndTheWrittenResultsAreThoseOfTheValidRecordsAlone(MixedRow[] rows)
    {
        var lines = rows.Select((r, i) => r.Line(i)).ToArray();
        var mixed = _temp.Write($"mixed-{Guid.NewGuid():N}.csv", string.Join('\n', [Header, .. lines]) + "\n");
        var valid = _temp.Write($"valid-{Guid.NewGuid():N}.csv", string.Join('\n', [Header, .. lines.Where((_, i) => rows[i].Defect == RowDefect.None)]) + "\n");

        var all = CliRun.Run("grade", "--input", mixed, "--format", "csv");
        var alone = CliRun.Run("grade", "--input", valid, "--format", "csv");

        var invalid = rows.Count(r => r.Defect != RowDefect.None);
        var summary = Regex.Match(all.Error, @"(\d+) records?, (\d+) written, (\d+) failed");
        var (records, written, failed) = (int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value), int.Parse(summary.Groups[3].Value));
        return summary.Success
            && records == rows.Length && written + failed == records && failed == invalid
            && all.Exit == (invalid > 0 ? 2 : 0)
            && all.Output == alone.Output;
    }
}
