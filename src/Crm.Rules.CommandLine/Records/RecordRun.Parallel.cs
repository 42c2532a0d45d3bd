using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Records;

/// <summary>One record's evaluation on a worker: writes the result to <paramref name="writer"/> and returns what the run keeps of it.</summary>
/// <typeparam name="T">What the run keeps of a written record (its outcome), handed back in input order.</typeparam>
/// <param name="record">The record, taken from the reader: the worker's until its batch is written.</param>
/// <param name="writer">The worker's writer, or <see langword="null"/> when the run writes no results.</param>
/// <param name="result">What the run keeps when the record was written.</param>
/// <returns><see langword="false"/> after adding the record's errors, as <see cref="RecordRun.Run"/>'s evaluation does.</returns>
internal delegate bool RecordEvaluation<T>(Record record, ResultWriter? writer, out T result);

internal sealed partial class RecordRun
{
    private TextWriter Error => error;

    private RecordAccess Access => access;

    /// <summary>Records per batch: large enough that taking turns costs nothing per record.</summary>
    internal const int DefaultBatchSize = 1024;

    /// <summary>
    /// The records a JIT-compiled command-line run evaluates on one worker before the others start: about the first
    /// 30,000, while the runtime compiles the optimised record path (measured in docs/performance.md; 15,000 to 50,000
    /// did alike).
    /// </summary>
    internal const int DefaultWarmUpRecords = 32 * DefaultBatchSize;

    /// <summary>
    /// As <see cref="Run"/>, with the records spread over <paramref name="workers"/> threads (this one among them). A
    /// worker takes a turn at the input — the next batch of records, taken whole — evaluates the whole batch, writing each
    /// result into the batch's own UTF-8, and hands it in; the batches are written in input order by whichever worker
    /// hands in the one that is next, doing everything <see cref="Run"/> does per record in the same order — counts,
    /// progress, error reports, <c>--max-errors</c>, the record bound, the output — so stdout and stderr are the same,
    /// byte for byte, as one thread's. No thread runs but the workers: with more runnable threads than processors, every
    /// garbage collection would wait for a descheduled thread to reach a safe point (docs/performance.md).
    /// Only for formats whose records stand alone (CSV, JSON Lines) and runs without a viewer or a capture.
    /// </summary>
    /// <param name="source">The records.</param>
    /// <param name="output">Where the batches' text goes, in order; <see langword="null"/> with no results written.</param>
    /// <param name="writer">The run's writer (it wrote the header); completed at the end.</param>
    /// <param name="createWriter">A worker's writer of UTF-8 into the buffer it is given (no header), or <see langword="null"/> for no results.</param>
    /// <param name="createEvaluation">A worker's evaluation, one per worker (it may keep buffers of its own).</param>
    /// <param name="accept">Called in input order, one record at a time, for every record written: returns the outcome to count.</param>
    /// <param name="workers">The worker threads, this one included.</param>
    /// <param name="batchSize">Records per batch.</param>
    /// <param name="warmUpRecords">Records this thread reads before the other workers start (0: all at once).</param>
    /// <exception cref="InvalidOperationException">The run has a viewer or counts records without an id (one thread only).</exception>
    public void RunInParallel<T>(
        RecordSource source,
        TextWriter? output,
        ResultWriter? writer,
        Func<IBufferWriter<byte>, ResultWriter>? createWriter,
        Func<RecordEvaluation<T>> createEvaluation,
        Func<T, string?> accept,
        int workers,
        int batchSize = DefaultBatchSize,
        int warmUpRecords = 0)
    {
        // Not for what only the one-thread run does per record: the viewer's hidden records, records without an id counted.
        if (access.HasViewer || CountsRecordsWithoutId)
        {
            throw new InvalidOperationException("a run with a viewer or that counts records without an id runs on one thread");
        }

        // Every worker's writer and evaluation is made before any thread starts: a failure leaves nothing running.
        var parts = Enumerable.Range(0, workers).Select(_ =>
        {
            var text = new BatchBytes();
            return new WorkerParts<T>(text, createWriter?.Invoke(text), createEvaluation());
        }).ToArray();

        // Batches read and not yet written are bounded: each worker one in hand and two waiting for their turn.
        var bytes = output is null ? null : new Utf8Output(output);
        using var run = new ParallelRun<T>(this, source, bytes, accept, workers * 3, batchSize, warmUpRecords);
        var threads = parts.Skip(1).Select(part => new Thread(() => run.WorkAfterWarmUp(part)) { IsBackground = true, Name = "crm-rules worker" }).ToArray();
        var started = 0;
        try
        {
            foreach (var thread in threads)
            {
                thread.Start();
                started++;
            }

            run.Work(parts[0]);
        }
        finally
        {
            // A worker that could not start stops the others; the input's end or a stop during the warm-up lets them
            // start, find nothing and end. Either way they are joined before anything they use is disposed.
            if (started < threads.Length)
            {
                run.Halt();
            }

            run.EndWarmUp();
            foreach (var thread in threads.Take(started))
            {
                thread.Join();
            }

            foreach (var part in parts)
            {
                part.Writer?.Dispose();
            }

            // What the workers wrote goes before anything written after the run (the end of the output, a summary).
            bytes?.Flush();
            writer?.Complete();
        }

        if (run.Fault is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }
    }

    // The batch's records, in order, as Run treats each; false when --max-errors stops the run. The text of the records
    // written one after another goes out in one piece, before the next failed record is reported.
    private bool Drain<T>(Batch<T> batch, Utf8Output? output, Func<T, string?> accept)
    {
        var text = batch.Text.WrittenSpan;
        var (start, unwritten) = (0, 0);
        for (var i = 0; i < batch.Evaluated; i++)
        {
            Read();
            if (batch.Errors[i] is { } problems)
            {
                output?.Write(text[unwritten..start]);
                unwritten = batch.Ends[i];
                if (!Fail(problems))
                {
                    return false;
                }
            }
            else
            {
                Wrote(accept(batch.Results[i]));
            }

            start = batch.Ends[i];
        }

        output?.Write(text[unwritten..start]);
        return true;
    }

    // The same catch as Run's.
    private static bool EvaluateOne<T>(Record record, ResultWriter? writer, RecordEvaluation<T> evaluate, out T result)
    {
        result = default!;
        try
        {
            return record.IsValid && evaluate(record, writer, out result);
        }
        catch (Exception e) when (IsRecordProblem(e))
        {
            AddProblem(record, e);
            return false;
        }
    }

    private sealed record WorkerParts<T>(BatchBytes Text, ResultWriter? Writer, RecordEvaluation<T> Evaluate);

    /// <summary>The state the workers share: the input (one reader at a time), the batches waiting for their turn, the stop.</summary>
    private sealed class ParallelRun<T>(RecordRun run, RecordSource source, Utf8Output? output, Func<T, string?> accept, int slots, int batchSize, int warmUpRecords) : IDisposable
    {
        private readonly object _input = new();
        private readonly ManualResetEventSlim _warmedUp = new(warmUpRecords <= 0);
        private readonly object _commit = new();
        private readonly SemaphoreSlim _slots = new(slots);
        private readonly Stack<Batch<T>> _free = new();
        private readonly SortedDictionary<long, Batch<T>> _waiting = [];
        private long _read;
        private long _nextBatch;
        private long _nextToWrite;
        private bool _inputEnded;
        private volatile bool _stopped;

        /// <summary>What ended the run when it was not a record's problem or the input's: thrown after every thread stopped.</summary>
        public Exception? Fault { get; private set; }

        /// <summary>As <see cref="Work"/>, once the first worker has read the warm-up's records.</summary>
        public void WorkAfterWarmUp(WorkerParts<T> parts)
        {
            _warmedUp.Wait();
            Work(parts);
        }

        public void EndWarmUp() => _warmedUp.Set();

        public void Work(WorkerParts<T> parts)
        {
            try
            {
                while (!_stopped && _slots.Wait(Timeout.Infinite) && !_stopped)
                {
                    var batch = ReadBatch();
                    if (batch is null)
                    {
                        _slots.Release();
                        return;
                    }

                    Evaluate(batch, parts);
                    HandIn(batch);
                }
            }
            catch (Exception e)
            {
                // Writing the output failed (a closed pipe), or a bug: the run stops and throws it.
                Stop(e);
            }
        }

        // One reader at a time; a batch is numbered in input order as it is read.
        private Batch<T>? ReadBatch()
        {
            lock (_input)
            {
                if (_inputEnded || _stopped)
                {
                    return null;
                }

                var batch = _free.Count > 0 ? _free.Pop() : new Batch<T>(batchSize);
                batch.Number = _nextBatch++;
                try
                {
                    // A stop (--max-errors, a fault) ends the reading at the next record, as one thread stops reading.
                    while (batch.Count < batch.Capacity && !_stopped)
                    {
                        if (!source.MoveNext())
                        {
                            _inputEnded = true;
                            break;
                        }

                        if (run.Access.MaxRecords is { } most && _read >= most)
                        {
                            batch.TooMany = true;
                            _inputEnded = true;
                            break;
                        }

                        _read++;
                        batch.Take(source);
                    }

                    if (_read >= warmUpRecords && !_warmedUp.IsSet)
                    {
                        _warmedUp.Set();
                    }
                }
                catch (RecordInputException e)
                {
                    batch.InputError = e;
                    _inputEnded = true;
                }
                catch (Exception e)
                {
                    // After the records read before it, as the one-thread run would have thrown it.
                    batch.Fault = e;
                    _inputEnded = true;
                }

                return batch;
            }
        }

        private static void Evaluate(Batch<T> batch, WorkerParts<T> parts)
        {
            parts.Text.Target = batch.Text;
            var i = 0;
            try
            {
                for (; i < batch.Count; i++)
                {
                    var record = batch[i];
                    if (!EvaluateOne(record, parts.Writer, parts.Evaluate, out batch.Results[i]))
                    {
                        batch.Errors[i] = record.Errors;
                    }

                    parts.Writer?.FlushRecord();
                    batch.Ends[i] = batch.Text.WrittenCount;
                }
            }
            catch (Exception e)
            {
                // Not a record's problem (those are caught per record): the run ends with it after the records before
                // it, as Run would.
                batch.Fault = e;
                batch.Evaluated = i;
            }
        }

        // The batch waits for its turn; whoever hands in the next one writes it and every one after it that is ready.
        private void HandIn(Batch<T> batch)
        {
            lock (_commit)
            {
                _waiting.Add(batch.Number, batch);
                while (!_stopped && _waiting.Remove(_nextToWrite, out var next))
                {
                    _nextToWrite++;
                    Write(next);
                    Free(next);
                }
            }
        }

        private void Write(Batch<T> batch)
        {
            if (!run.Drain(batch, output, accept))
            {
                Halt();
            }
            else if (batch.Fault is { } fault)
            {
                Stop(fault);
            }
            else if (batch.TooMany)
            {
                run.Stopped = true;
                Halt();
                run.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {TooManyRecords} ({run.Access.MaxRecords:N0}); the records after that were not read"));
            }
            else if (batch.InputError is { } input)
            {
                run.Stopped = true;
                Halt();
                run.Error.WriteLine($"error: {input.Message}");
            }
        }

        // Every worker waiting for a slot wakes, sees the stop and ends. Not only one: the batches waiting for their turn
        // are never written, so their slots would never come back, and a second waiting worker would wait for ever
        // (--max-errors stopped a run of three workers so, now and then, before this).
        public void Halt()
        {
            _stopped = true;
            _slots.Release(slots);
        }

        private void Free(Batch<T> batch)
        {
            batch.Reset();
            lock (_input)
            {
                _free.Push(batch);
            }

            _slots.Release();
        }

        private void Stop(Exception fault)
        {
            lock (_commit)
            {
                Fault ??= fault;
                Halt();
            }
        }

        public void Dispose()
        {
            _slots.Dispose();
            _warmedUp.Dispose();
        }
    }

    /// <summary>Records read together, evaluated by one worker, written in their turn.</summary>
    private sealed class Batch<T>(int size)
    {
        private readonly Record?[] _records = new Record?[size];
        private int? _evaluated;

        public readonly T[] Results = new T[size];
        public readonly IReadOnlyList<RecordError>?[] Errors = new IReadOnlyList<RecordError>?[size];
        public readonly int[] Ends = new int[size];
        public readonly ArrayBufferWriter<byte> Text = new(1 << 16);

        public long Number { get; set; }

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

        // The record read last becomes the batch's; the source reads on into a record the batch no longer needs (one of a
        // batch written before, or at first a copy), so no record is copied.
        public void Take(RecordSource source)
        {
            _records[Count] = source.Exchange(_records[Count] ?? source.Current.Copy());
            Count++;
        }

        public void Reset()
        {
            Array.Clear(Results, 0, Count);
            Array.Clear(Errors, 0, Count);
            Count = 0;
            _evaluated = null;
            TooMany = false;
            InputError = null;
            Fault = null;
            Text.ResetWrittenCount();
        }
    }

    /// <summary>The buffer a worker's result writer writes into: the batch in hand's UTF-8.</summary>
    private sealed class BatchBytes : IBufferWriter<byte>
    {
        public ArrayBufferWriter<byte> Target { get; set; } = new();

        public void Advance(int count) => Target.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0) => Target.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Target.GetSpan(sizeHint);
    }

    /// <summary>
    /// Where a parallel run's records go, as the UTF-8 its workers made: to the stream of a UTF-8
    /// <see cref="StreamWriter"/>, after what the writer holds (the header), so nothing is turned into characters and
    /// encoded again on the thread whose turn it is to write; decoded into any other text writer. Bytes for the stream
    /// are gathered up to 64 KiB, as the writer's own buffer would, so records that alternate with failed ones do not
    /// cost a write each; <see cref="Flush"/> sends the rest.
    /// </summary>
    internal sealed class Utf8Output
    {
        private const int Gathered = 1 << 16;
        private readonly TextWriter _text;
        private readonly Utf8Text _decoded;
        private readonly Stream? _stream;
        private readonly byte[] _pending = [];
        private int _pendingLength;

        public Utf8Output(TextWriter text)
        {
            _text = text;
            _decoded = new Utf8Text(text);

            // Only where the writer would have made the same bytes: UTF-8 that replaces what it cannot encode.
            if (text is StreamWriter { Encoding: System.Text.UTF8Encoding { EncoderFallback: System.Text.EncoderReplacementFallback { DefaultString: "\uFFFD" } } } writer)
            {
                _stream = writer.BaseStream;
                _pending = new byte[Gathered];
            }
        }

        /// <summary>Whether the bytes go to the stream as they are.</summary>
        public bool Direct => _stream is not null;

        public void Write(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty)
            {
                return;
            }

            if (_stream is not null)
            {
                if (_pendingLength + utf8.Length <= _pending.Length)
                {
                    utf8.CopyTo(_pending.AsSpan(_pendingLength));
                    _pendingLength += utf8.Length;
                    return;
                }

                Flush();
                if (utf8.Length < _pending.Length)
                {
                    utf8.CopyTo(_pending);
                    _pendingLength = utf8.Length;
                }
                else
                {
                    _stream.Write(utf8);
                }

                return;
            }

            _decoded.Write(utf8);
        }

        /// <summary>Sends the bytes gathered for the stream, after what the text writer holds.</summary>
        public void Flush()
        {
            if (_stream is not null)
            {
                _text.Flush();
                _stream.Write(_pending, 0, _pendingLength);
                _pendingLength = 0;
            }
        }
    }
}
