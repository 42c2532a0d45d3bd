using System.Collections.Concurrent;
using Crm.Rules.CommandLine.Output;

namespace Crm.Rules.CommandLine.Checking;

/// <summary>
/// What a change of rules does to every record of an input: the command runs under both rule sets at once, streaming
/// (two readers of the same input, one result compared with the other as they come), and every output field that
/// differs is counted in a from → to transition matrix and reported as a change. What <c>crm-rules diff</c> does.
/// </summary>
/// <remarks>
/// <para>Results are paired by input record for commands that answer record by record, by <c>id</c> for commands that
/// answer after reading; when both rule sets answer in the same order (the usual case) nothing is held but the
/// results being compared, and a result that is unchanged allocates nothing. The <c>fingerprint</c> field and
/// explanations are not compared. A record answered under one rule set and not the other (it failed, or is left out)
/// is a change of the pseudo-field <c>result</c> from <c>written</c> to <c>none</c> or back. A value that is absent is
/// <c>null</c> in the matrices.</para>
/// </remarks>
/// <threadsafety>Static and safe to call from several threads at once; <see cref="RuleSetDiffOptions.OnChange"/> is called on the calling thread.</threadsafety>
public static class RuleSetDiff
{
    private const int BatchSize = 512;

    /// <summary>Evaluates every record of <paramref name="input"/> under <paramref name="from"/> and <paramref name="to"/> and reports what changes.</summary>
    /// <param name="command">The data command, e.g. <c>grade</c>, <c>churn</c>, <c>cadence</c>.</param>
    /// <param name="input">The records: a CSV, JSON or JSON Lines file, as the command reads them.</param>
    /// <param name="from">The rule set in use.</param>
    /// <param name="to">The changed rule set.</param>
    /// <param name="options">The command's other options, what to keep and where to stream changes; default: none.</param>
    /// <returns>The counts, the transition matrices, the first changes and the input errors.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static RuleSetDiffReport Compare(string command, string input, CrmRuleSet from, CrmRuleSet to, RuleSetDiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        options ??= new RuleSetDiffOptions();
        var args = CommandInvocation.Arguments(command, input, options.Arguments);
        var errors = new ConcurrentQueue<string>();
        using var fromSide = new Side(args, from, options.IgnoredColumns, e => errors.Enqueue("from: " + e));
        using var toSide = new Side(args, to, options.IgnoredColumns, e => errors.Enqueue("to: " + e));
        var tally = new DiffTally(options);
        tally.Merge(fromSide, toSide);
        return tally.Report(from.Fingerprint, to.Fingerprint, fromSide.ExitCode, toSide.ExitCode, [.. errors]);
    }

    /// <summary>One rule set's run, on its own thread, handing its results over in batches of reused records.</summary>
    internal sealed class Side : IDisposable
    {
        private readonly BlockingCollection<CapturedRecord[]> _full = new(boundedCapacity: 4);
        private readonly ConcurrentBag<CapturedRecord[]> _free = [];
        private readonly Task _run;
        private CapturedRecord[] _filling;
        private int _filled;
        private CapturedRecord[]? _reading;
        private int _readingCount;
        private int _next;

        public Side(string[] args, CrmRuleSet ruleSet, IReadOnlyCollection<string> ignored, Action<string> reportError)
        {
            _filling = NewBatch();
            _run = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        ExitCode = CommandInvocation.Run(args, ruleSet, Add, ignored, details: false, reportError);
                        if (_filled > 0)
                        {
                            Post(_filled);
                        }
                    }
                    finally
                    {
                        _full.CompleteAdding();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        public int ExitCode { get; private set; }

        /// <summary>The next result, valid until the next call; <see langword="null"/> at the end.</summary>
        public CapturedRecord? Next()
        {
            while (_reading is null || _next == _readingCount)
            {
                if (_reading is not null)
                {
                    _free.Add(_reading);
                    _reading = null;
                }

                if (!_full.TryTake(out var batch, Timeout.Infinite))
                {
                    _run.GetAwaiter().GetResult();
                    return null;
                }

                _reading = batch;
                _readingCount = CountOf(batch);
                _next = 0;
            }

            return _reading[_next++];
        }

        public void Dispose()
        {
            // Drain so a run still writing is never left blocked on a full queue.
            while (_full.TryTake(out _, Timeout.Infinite))
            {
            }

            _run.Wait();
            _full.Dispose();
        }

        // A batch is full but for the last one; its unused slots are marked with Ordinal -1.
        private static int CountOf(CapturedRecord[] batch)
        {
            var count = 0;
            while (count < batch.Length && batch[count].Ordinal >= 0)
            {
                count++;
            }

            return count;
        }

        private static CapturedRecord[] NewBatch()
        {
            var batch = new CapturedRecord[BatchSize];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = new CapturedRecord();
            }

            return batch;
        }

        private void Add(CapturedRecord record)
        {
            _filling[_filled++].CopyFrom(record);
            if (_filled == BatchSize)
            {
                Post(BatchSize);
            }
        }

        private void Post(int count)
        {
            for (var i = count; i < BatchSize; i++)
            {
                _filling[i].Clear();
                _filling[i].Ordinal = -1;
            }

            _full.Add(_filling);
            _filling = _free.TryTake(out var reused) ? reused : NewBatch();
            _filled = 0;
        }
    }
}
