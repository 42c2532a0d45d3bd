using Crm.Rules.CommandLine.Input;
using Crm.Rules.Data;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.CommandLine.Records;

/// <summary>
/// A transaction log's lines as records: <c>id</c> (the customer), <c>date</c>, and either <c>amount</c> or
/// <c>quantity</c> and <c>price</c>; optionally <c>invoice</c>. Another system's column names are mapped with
/// <c>--columns field=Column,…</c>, and its columns that no rule reads are named with <c>--ignore-columns</c>: nothing
/// is left out silently.
/// </summary>
internal static class TransactionRecords
{
    public static readonly string[] Fields = ["date", "amount", "quantity", "price", "invoice"];

    private const decimal MaximumAmount = 1_000_000_000_000_000m;

    // A day is written as an ISO date, an ISO local date and time (with 'T' or, as many exports write it, a space), or
    // an instant with an offset (its local date there). Nothing else: "12/1/2010" could be either of two days.
    private static readonly LocalDateTimePattern[] LocalTimes =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss.FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm"),
    ];

    /// <summary>The schema of a transaction log, with the command's column mapping.</summary>
    /// <exception cref="InputException">The mapping is malformed or names an unknown field.</exception>
    public static RecordSchema Schema(RecordAccess access, string? columns, string? ignore)
        => Mapped(access.Schema(Fields), columns, ignore);

    /// <summary>A schema with <c>--columns</c> and <c>--ignore-columns</c> applied.</summary>
    /// <exception cref="InputException">The mapping is malformed or names an unknown field.</exception>
    public static RecordSchema Mapped(RecordSchema schema, string? columns, string? ignore)
    {
        if (columns is null && ignore is null)
        {
            return schema;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (columns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new InputException($"--columns: '{SafeText.Printable(pair)}' is not field=Column (e.g. id=CustomerID)");
            }

            if (!map.TryAdd(parts[0], parts[1]))
            {
                throw new InputException($"--columns: the field '{SafeText.Printable(parts[0])}' is mapped twice");
            }
        }

        try
        {
            return schema.WithColumns(map, (ignore ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--columns: {SafeText.Printable(e.Message.Split(" (Parameter", 2)[0])}");
        }
    }

    /// <summary>
    /// Reads one line into its parts without making strings (the customer is <see cref="Record.IdText"/>); adds the
    /// record's errors and returns <see langword="false"/> when it cannot.
    /// </summary>
    public static bool TryRead(Record record, out LocalDate day, out decimal value, out ReadOnlySpan<char> invoice)
    {
        var date = Day(record, 1);
        // Bounded so that a customer's sums of any log stay within a decimal: a quadrillion per line.
        var amount = record.Number(2, -MaximumAmount, MaximumAmount);
        var quantity = record.Number(3, -MaximumAmount, MaximumAmount);
        var price = record.Number(4, -MaximumAmount, MaximumAmount);
        record.TryGetText(5, out invoice);
        day = default;
        value = 0;
        if (date is null && record.IsValid)
        {
            record.AddError("date", "is required (the day of the transaction, e.g. 2026-11-24)");
        }

        if (amount is not null && (quantity is not null || price is not null))
        {
            record.AddError("amount", "give amount, or quantity and price, not both");
        }
        else if (amount is null && (quantity is null || price is null) && record.IsValid)
        {
            record.AddError(quantity is null ? (price is null ? "amount" : "quantity") : "price", "is required: give amount, or quantity and price");
        }

        if (!record.IsValid)
        {
            return false;
        }

        value = amount ?? quantity!.Value * price!.Value;
        if (Math.Abs(value) > MaximumAmount)
        {
            record.AddError("quantity", $"quantity × price is {FieldText.Excerpt(value.ToString(System.Globalization.CultureInfo.InvariantCulture))}, beyond ±{MaximumAmount:0} a line");
            return false;
        }

        day = date!.Value;
        return true;
    }

    /// <summary>
    /// The common export form without a string: <c>uuuu-MM-dd HH:mm[:ss]</c> (space or <c>T</c>), a real day and a real
    /// time of day. Anything else goes to the patterns, which accept the same and more (fractions of a second).
    /// </summary>
    internal static bool IsLocalDateTime(ReadOnlySpan<char> text, out LocalDate date)
    {
        date = default;
        return text.Length is 16 or 19 && text[10] is ' ' or 'T' && text[13] == ':' && (text.Length == 16 || text[16] == ':')
            && TwoDigits(text.Slice(11, 2), 23) && TwoDigits(text.Slice(14, 2), 59) && (text.Length == 16 || TwoDigits(text.Slice(17, 2), 59))
            && FieldText.TryParseDate(text[..10], out date, out _);
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, int maximum)
        => text[0] is >= '0' and <= '9' && text[1] is >= '0' and <= '9' && ((text[0] - '0') * 10) + (text[1] - '0') <= maximum;

    private static LocalDate? Day(Record record, int slot)
    {
        if (!record.TryGetText(slot, out var raw))
        {
            return null;
        }

        // A date-time is tried as such first: a failed date parse would cost a string and a parse failure per line.
        if (IsLocalDateTime(raw, out var date) || FieldText.TryParseDate(raw, out date, out _))
        {
            return date;
        }

        var text = SafeText.Printable(raw);

        foreach (var pattern in LocalTimes)
        {
            if (pattern.Parse(text) is { Success: true } local)
            {
                return local.Value.Date;
            }
        }

        if (FieldText.TryParseInstant(text, out var instant, out _))
        {
            return instant.Date;
        }

        record.AddError(record.Schema.Fields[slot], $"{FieldText.Excerpt(text)} is not a day such as 2026-11-24, 2026-11-24 08:26:00 or 2026-11-24T08:26:00+08:00");
        return null;
    }
}
