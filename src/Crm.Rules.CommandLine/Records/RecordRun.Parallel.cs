using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Records;

/// <summary>One record's evaluation on a worker: writes the result to <paramref name="writer"/> and returns what the run keeps of it.</summary>
/// <typeparam name="T">What the run keeps of a written record (for a tally), handed back in input order.</typeparam>
/// <param name="record">The record, a copy the worker owns until the batch is done.</param>
/// <param name="writer">The worker's writer, or <see langword="null"/> when the run writes no results.</param>
/// <param name="result">What the run keeps when the record was written.</param>
/// <returns><see langword="false"/> after adding the record's errors, as <see cref="RecordRun.Run"/>'s evaluation does.</returns>
internal delegate bool RecordEvaluation<T>(Record record, ResultWriter? writer, out T result);

internal sealed partial class RecordRun
{
    /// <summary>Records per batch handed to a worker: large enough that handing over costs nothing per record.</summary>
    internal const int DefaultBatchSize = 1024;

    /// <summary>
    /// As <see cref="Run"/>, with the evaluation — reading a record's fields, evaluating it, formatting its result — on
    /// <paramref name="workers"/> threads. One thread reads the input into batches of record copies; the workers evaluate
    /// whole batches, each writing into its batch's own text; this thread takes the batches in input order and does
    /// everything <see cref="Run"/> does per record in the same order — counts, progress, error reports,
    /// <c>--max-errors</c>, the output — so stdout and stderr are the same, byte for byte, as the sequential run's.
    /// Only for formats whose records stand alone (CSV, JSON Lines) and runs without a viewer or a capture: the caller decides.
    /// </summary>
    /// <param name="source">The records.</param>
    /// <param name="output">Where the batches' text goes, in order; <see langword="null"/> with no results written.</param>
    /// <param name="writer">The run's writer (it wrote the header); completed at the end.</param>
    /// <param name="createWriter">A worker's writer over the text it is given (no header), or <see langword="null"/> for no results.</param>
    /// <param name="createEvaluation">A worker's evaluation, one per worker (it may keep buffers of its own).</param>
    /// <param name="accept">Called here, in input order, for every record written: returns the outcome to count.</param>
    /// <param name="workers">The worker threads.</param>
    /// <param name="batchSize">Records per batch.</param>
    public void RunInParallel<T>(
        RecordSource source,
        TextWriter? output,
        ResultWriter? writer,
        Func<TextWriter, ResultWriter>? createWriter,
        Func<RecordEvaluation<T>> createEvaluation,
        Func<T, string?> accept,
        int workers,
        int batchSize = DefaultBatchSize)
    {
        // Not for what only the one-thread run does per record: the viewer's hidden records, records without an id
        // counted, a capture's cursor.
        if (access.HasViewer || CountsRecordsWithoutId)
        {
            throw new InvalidOperationException("a run with a viewer or that counts records without an id runs on one thread");
        }

        // Every worker's writer and evaluation is made here, before any thread starts: a failure leaves nothing running.
        var workerParts = Enumerable.Range(0, workers).Select(_ =>
        {
            var text = new BatchText();
            return (Text: text, Writer: createWriter?.Invoke(text), Evaluate: createEvaluation());
        }).ToArray();

        // Enough batches for every worker to have one in hand and one waiting, and the reader one ahead: bounded memory.
        var batches = Enumerable.Range(0, workers * 3 + 2).Select(_ => new Batch<T>(batchSize)).ToArray();
        using var pool = new BlockingCollection<Batch<T>>();
        foreach (var batch in batches)
        {
            pool.Add(batch);
        }

        using var work = new BlockingCollection<Batch<T>>();
        using var ordered = new BlockingCollection<Batch<T>>();
        using var stop = new CancellationTokenSource();
        var tasks = new List<Task>(workers + 1);
        try
        {
            tasks.Add(Task.Factory.StartNew(() => ReadBatches(source, pool, work, ordered, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            foreach (var part in workerParts)
            {
                tasks.Add(Task.Factory.StartNew(() => Evaluate(work, part.Text, part.Writer, part.Evaluate, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }

            foreach (var batch in ordered.GetConsumingEnumerable())
            {
                batch.Done.Wait();

                // The records before a fault were written and reported, as the one-thread run had done before it threw.
                if (!Drain(batch, output, accept))
                {
                    break;
                }

                if (batch.Fault is { } fault)
                {
                    ExceptionDispatchInfo.Throw(fault);
                }

                if (batch.TooMany)
                {
                    Stopped = true;
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {TooManyRecords} ({access.MaxRecords:N0}); the records after that were not read"));
                    break;
                }

                if (batch.InputError is { } input)
                {
                    Stopped = true;
                    error.WriteLine($"error: {input.Message}");
                    break;
                }

                batch.Reset();
                pool.Add(batch);
            }
        }
        finally
        {
            // The reader stops at its next record and the workers at their next batch; the source is the caller's to
            // dispose, so the reader is waited for.
            stop.Cancel();
            WaitQuietly(tasks);
            foreach (var batch in batches)
            {
                batch.Dispose();
            }

            foreach (var part in workerParts)
            {
                part.Writer?.Dispose();
            }

            writer?.Complete();
        }
    }

    // The batch's records, in order, as Run treats each; false when --max-errors stops the run.
    private bool Drain<T>(Batch<T> batch, TextWriter? output, Func<T, string?> accept)
    {
        var start = 0;
        for (var i = 0; i < batch.Evaluated; i++)
        {
            Read();
            if (batch.Errors[i] is { } problems)
            {
                if (!Fail(problems))
                {
                    return false;
                }
            }
            else
            {
                output?.Write(batch.Text.Chars, start, batch.Ends[i] - start);
                Wrote(accept(batch.Results[i]));
            }

            start = batch.Ends[i];
        }

        return true;
    }

    private void ReadBatches<T>(RecordSource source, BlockingCollection<Batch<T>> pool, BlockingCollection<Batch<T>> work, BlockingCollection<Batch<T>> ordered, CancellationToken stop)
    {
        long read = 0;
        try
        {
            var more = true;
            while (more)
            {
                var batch = pool.Take(stop);
                try
                {
                    while (batch.Count < batch.Capacity && !stop.IsCancellationRequested)
                    {
                        if (!source.MoveNext())
                        {
                            more = false;
                            break;
                        }

                        if (access.MaxRecords is { } most && read >= most)
                        {
                            batch.TooMany = true;
                            more = false;
                            break;
                        }

                        read++;
                        batch.Add(source.Current);
                    }
                }
                catch (RecordInputException e)
                {
                    batch.InputError = e;
                    more = false;
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // After the records read before it, as the one-thread run would have thrown it.
                    batch.Fault = e;
                    more = false;
                }

                ordered.Add(batch, stop);
                if (batch.Count == 0)
                {
                    batch.Done.Set();
                }
                else
                {
                    work.Add(batch, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run stopped (--max-errors): nothing more is read.
        }
        finally
        {
            ordered.CompleteAdding();
            work.CompleteAdding();
        }
    }

    private static void Evaluate<T>(BlockingCollection<Batch<T>> work, BatchText text, ResultWriter? writer, RecordEvaluation<T> evaluate, CancellationToken stop)
    {
        try
        {
            foreach (var batch in work.GetConsumingEnumerable(stop))
            {
                text.Target = batch.Text;
                var i = 0;
                try
                {
                    for (; i < batch.Count; i++)
                    {
                        var record = batch[i];
                        if (!EvaluateOne(record, writer, evaluate, out batch.Results[i]))
                        {
                            batch.Errors[i] = record.Errors;
                        }

                        writer?.FlushRecord();
                        batch.Ends[i] = batch.Text.Length;
                    }
                }
                catch (Exception e)
                {
                    // Not a record's problem (those are caught per record): the run ends with it after the records
                    // before it, as Run would.
                    batch.Fault = e;
                    batch.Evaluated = i;
                }
                finally
                {
                    batch.Done.Set();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run stopped: the batches left are not evaluated.
        }
    }

    // The same catch as Run's: a rule's refusal or an arithmetic problem is the record's error, not the run's.
    private static bool EvaluateOne<T>(Record record, ResultWriter? writer, RecordEvaluation<T> evaluate, out T result)
    {
        result = default!;
        try
        {
            return record.IsValid && evaluate(record, writer, out result);
        }
        catch (CrmInputException e)
        {
            record.AddError(e.Field, SafeText.Printable(e.Problem));
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or FormatException)
        {
            record.AddError(null, $"cannot be evaluated: {SafeText.Printable(e.Message)}");
        }

        return false;
    }

    // After the run stopped or failed: a thread that ended with an exception of its own has put it on a batch, or
    // the run no longer needed it; the run's own outcome (its exit, or the exception being thrown) is what counts.
    private static void WaitQuietly(List<Task> tasks)
    {
        try
        {
            Task.WaitAll([.. tasks]);
        }
        catch (AggregateException)
        {
        }
    }

    /// <summary>Records read together, evaluated by one worker, drained in order.</summary>
    private sealed class Batch<T>(int size) : IDisposable
    {
        private readonly Record?[] _records = new Record?[size];
        private int? _evaluated;
        public readonly T[] Results = new T[size];
        public readonly IReadOnlyList<RecordError>?[] Errors = new IReadOnlyList<RecordError>?[size];
        public readonly int[] Ends = new int[size];
        public readonly CharBuffer Text = new();
        public readonly ManualResetEventSlim Done = new(false);

        public int Capacity => _records.Length;

        public int Count { get; private set; }

        /// <summary>The records evaluated: all of them, or those before a worker's fault.</summary>
        public int Evaluated
        {
            get => _evaluated ?? Count;
            set => _evaluated = value;
        }

        public Record this[int index] => _records[index]!;

        public bool TooMany { get; set; }

        public RecordInputException? InputError { get; set; }

        public Exception? Fault { get; set; }

        public void Add(Record record)
        {
            if (_records[Count] is { } copy)
            {
                record.CopyTo(copy);
            }
            else
            {
                _records[Count] = record.Copy();
            }

            Count++;
        }

        public void Reset()
        {
            Array.Clear(Results, 0, Count);
            Array.Clear(Errors, 0, Count);
            Count = 0;
            TooMany = false;
            InputError = null;
            Fault = null;
            _evaluated = null;
            Text.Length = 0;
            Done.Reset();
        }

        public void Dispose() => Done.Dispose();
    }

    /// <summary>A growable run of characters a batch's results are written into.</summary>
    private sealed class CharBuffer
    {
        public char[] Chars = new char[1 << 16];

        public int Length;

        public void Append(ReadOnlySpan<char> text)
        {
            if (Length + text.Length > Chars.Length)
            {
                Array.Resize(ref Chars, Math.Max(Chars.Length * 2, Length + text.Length));
            }

            text.CopyTo(Chars.AsSpan(Length));
            Length += text.Length;
        }
    }

    /// <summary>The text writer a worker's result writer writes into: the batch in hand's characters.</summary>
    private sealed class BatchText : TextWriter
    {
        public CharBuffer Target { get; set; } = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.Unicode;

        public override void Write(char value) => Target.Append([value]);

        public override void Write(char[] buffer, int index, int count) => Target.Append(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Target.Append(buffer);

        public override void Write(string? value) => Target.Append(value);
    }
}
