using System.Runtime.InteropServices;
using Crm.Rules.CommandLine.Output;

namespace Crm.Rules.CommandLine.Checking;

/// <summary>Pairs the two sides' results, compares them field by field and counts the transitions.</summary>
internal sealed class DiffTally(RuleSetDiffOptions options)
{
    private const string Null = "null";
    private const string ResultField = "result";

    // field → from → to → count; looked up by span so that a transition seen before allocates nothing.
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, long>>> _transitions = new(StringComparer.Ordinal);
    private readonly List<RecordChange> _kept = [];
    private readonly Dictionary<Key, CapturedRecord> _pendingFrom = [];
    private readonly Dictionary<Key, CapturedRecord> _pendingTo = [];
    private long _records;
    private long _changed;
    private long _changes;

    public void Merge(RuleSetDiff.Side from, RuleSetDiff.Side to)
    {
        var a = from.Next();
        var b = to.Next();
        while (a is not null || b is not null)
        {
            if (a is not null && b is not null && SameKey(a, b))
            {
                Compare(a, b);
                a = from.Next();
                b = to.Next();
                continue;
            }

            if (a is not null)
            {
                var key = KeyOf(a);
                if (_pendingTo.Remove(key, out var pending))
                {
                    Compare(a, pending);
                }
                else
                {
                    _pendingFrom.Add(key, a.Copy());
                }

                a = from.Next();
            }

            if (b is not null)
            {
                var key = KeyOf(b);
                if (_pendingFrom.Remove(key, out var pending))
                {
                    Compare(pending, b);
                }
                else
                {
                    _pendingTo.Add(key, b.Copy());
                }

                b = to.Next();
            }
        }

        foreach (var only in _pendingFrom.Values.OrderBy(r => r.Ordinal))
        {
            Unpaired(only, "written", "none");
        }

        foreach (var only in _pendingTo.Values.OrderBy(r => r.Ordinal))
        {
            Unpaired(only, "none", "written");
        }
    }

    public RuleSetDiffReport Report(string from, string to, int fromExit, int toExit, IReadOnlyList<string> errors)
    {
        var transitions = _transitions.ToDictionary(
            f => f.Key,
            f => (IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>)f.Value.ToDictionary(
                x => x.Key,
                x => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(x.Value, StringComparer.Ordinal),
                StringComparer.Ordinal),
            StringComparer.Ordinal);
        var complete = errors.Count == 0 && fromExit == ExitCodes.Success && toExit == ExitCodes.Success;
        return new RuleSetDiffReport(from, to, _records, _changed, _changes, transitions, _kept, errors, complete);
    }

    private static bool SameKey(CapturedRecord a, CapturedRecord b)
        => a.Ordinal == b.Ordinal && (a.Ordinal > 0 || a.Id.SequenceEqual(b.Id));

    private static Key KeyOf(CapturedRecord record) => record.Ordinal > 0 ? new Key(record.Ordinal, null) : new Key(0, record.Id.ToString());

    private void Compare(CapturedRecord a, CapturedRecord b)
    {
        _records++;
        var changed = false;
        for (var i = 0; i < a.Count; i++)
        {
            var name = a.NameAt(i);
            // Every fingerprint differs by definition, the top-level one and each assess section's ("grade.fingerprint").
            if (a.KindAt(i) == CapturedRecord.FieldKind.Details || name == "fingerprint" || name.EndsWith(".fingerprint", StringComparison.Ordinal))
            {
                continue;
            }

            // Both sides write their fields in the same order; look further only when they do not.
            var j = i < b.Count && ReferenceEquals(b.NameAt(i), name) ? i : b.IndexOf(name);
            var fromValue = a.IsNullAt(i) ? Null.AsSpan() : a.ValueAt(i);
            var toValue = j < 0 || b.IsNullAt(j) ? Null.AsSpan() : b.ValueAt(j);
            if (a.IsNullAt(i) == (j < 0 || b.IsNullAt(j)) && fromValue.SequenceEqual(toValue))
            {
                continue;
            }

            changed = true;
            Count(name, fromValue, toValue);
            Change(a, name, fromValue, a.IsNullAt(i), toValue, j < 0 || b.IsNullAt(j));
        }

        if (changed)
        {
            _changed++;
        }
    }

    private void Unpaired(CapturedRecord record, string from, string to)
    {
        _records++;
        _changed++;
        Count(ResultField, from, to);
        Change(record, ResultField, from, false, to, false);
    }

    private void Count(string field, ReadOnlySpan<char> from, ReadOnlySpan<char> to)
    {
        ref var byFrom = ref CollectionsMarshal.GetValueRefOrAddDefault(_transitions, field, out _);
        byFrom ??= new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var fromLookup = byFrom.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!fromLookup.TryGetValue(from, out var byTo))
        {
            byTo = new Dictionary<string, long>(StringComparer.Ordinal);
            byFrom.Add(from.ToString(), byTo);
        }

        var toLookup = byTo.GetAlternateLookup<ReadOnlySpan<char>>();
        if (toLookup.TryGetValue(to, out var count))
        {
            toLookup[to] = count + 1;
        }
        else
        {
            byTo.Add(to.ToString(), 1);
        }
    }

    private void Change(CapturedRecord record, string field, ReadOnlySpan<char> from, bool fromIsNull, ReadOnlySpan<char> to, bool toIsNull)
    {
        _changes++;
        if (options.OnChange is null && _kept.Count >= options.KeepChanges)
        {
            return;
        }

        var change = new RecordChange(record.Id.ToString(), field, fromIsNull ? null : from.ToString(), toIsNull ? null : to.ToString());
        options.OnChange?.Invoke(change);
        if (_kept.Count < options.KeepChanges)
        {
            _kept.Add(change);
        }
    }

    private readonly record struct Key(long Ordinal, string? Id);
}
