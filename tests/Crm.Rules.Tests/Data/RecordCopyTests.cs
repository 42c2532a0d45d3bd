using System.Text;
using Crm.Rules.Data;

namespace Crm.Rules.Tests.Data;

/// <summary>A record copy outlives the source's next move: a parallel run hands copies to its workers in batches.</summary>
public sealed class RecordCopyTests
{
    private static readonly RecordSchema Schema = new(["amount", "when", "note"]);

    private static RecordSource Source(string csv) => RecordSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "in.csv", Schema, RecordFormat.Csv);

    [Fact]
    public void ACopy_KeepsTheFieldsTheLocationAndTheProblems_AfterTheSourceMovesOn()
    {
        using var source = Source("id,amount,when,note\nc1,12.50,2026-11-24,first\nc2,abc,,a much longer note than the first one\n");
        Assert.True(source.MoveNext());
        var first = source.Current.Copy();
        Assert.True(source.MoveNext());
        _ = source.Current.Number(1);
        var second = source.Current.Copy();
        Assert.False(source.MoveNext());

        Assert.Equal("c1", first.Id);
        Assert.Equal(2, first.Location.Line);
        Assert.Equal(12.50m, first.Number(1));
        Assert.Equal(new NodaTime.LocalDate(2026, 11, 24), first.Date(2));
        Assert.Equal("first", first.Text(3));
        Assert.True(first.IsValid);

        Assert.Equal("c2", second.Id);
        Assert.False(second.IsValid);
        var problem = Assert.Single(second.Errors);
        Assert.Equal("amount", problem.Field);
        Assert.Equal(3, problem.Location.Line);
        Assert.False(second.HasValue(2));
        Assert.Equal("a much longer note than the first one", second.Text(3));
    }

    [Fact]
    public void CopyTo_ReusesTheTarget_AndRefusesAnotherSchema()
    {
        using var source = Source("id,amount,when,note\nc1,1,,\nc2,2,2026-01-01,x\n");
        Assert.True(source.MoveNext());
        var target = source.Current.Copy();
        Assert.True(source.MoveNext());
        source.Current.CopyTo(target);
        Assert.Equal("c2", target.Id);
        Assert.Equal(2m, target.Number(1));
        Assert.Equal("x", target.Text(3));

        using var other = RecordSource.Open(new MemoryStream(Encoding.UTF8.GetBytes("id,other\nz,1\n")), "other.csv", new RecordSchema(["other"]), RecordFormat.Csv);
        Assert.True(other.MoveNext());
        Assert.Throws<ArgumentException>(() => other.Current.CopyTo(target));
        Assert.Throws<ArgumentNullException>(() => source.Current.CopyTo(null!));
    }

    [Theory]
    [InlineData(RecordFormat.Csv, "id,amount,when,note\nc1,12.50,2026-11-24,first\nc2,abc,,a much longer note than the first one\nc3,3,,\n")]
    [InlineData(RecordFormat.JsonLines, "{\"id\":\"c1\",\"amount\":12.50,\"when\":\"2026-11-24\",\"note\":\"first\"}\n{\"id\":\"c2\",\"amount\":\"abc\",\"note\":\"a much longer note than the first one\"}\n{\"id\":\"c3\",\"amount\":3}\n")]
    public void Exchange_HandsOverTheRecordRead_AndReadsOnIntoTheReplacement(RecordFormat format, string text)
    {
        // What a parallel run does: each record read is taken whole, the source reads on into one taken before.
        using var source = RecordSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "in", Schema, format);
        Assert.True(source.MoveNext());
        var first = source.Exchange(source.Current.Copy());
        Assert.True(source.MoveNext());
        var second = source.Exchange(source.Current.Copy());
        Assert.NotSame(first, source.Current);
        Assert.True(source.MoveNext());
        var spare = first;
        Assert.Equal(12.50m, spare.Number(1));
        Assert.Equal("first", spare.Text(3));
        var third = source.Exchange(spare);
        Assert.Same(spare, source.Current);
        Assert.False(source.MoveNext());

        // The records taken keep what was read into them, the source's next moves notwithstanding.
        Assert.Equal("c2", second.Id);
        Assert.Null(second.Number(1));
        Assert.Equal("amount", Assert.Single(second.Errors).Field);
        Assert.Equal("a much longer note than the first one", second.Text(3));
        Assert.Equal("c3", third.Id);
        Assert.Equal(3m, third.Number(1));
        Assert.False(third.HasValue(3));

        Assert.Throws<ArgumentException>(() => source.Exchange(source.Current));
        using var other = RecordSource.Open(new MemoryStream(Encoding.UTF8.GetBytes("id,other\nz,1\n")), "other.csv", new RecordSchema(["other"]), RecordFormat.Csv);
        Assert.True(other.MoveNext());
        Assert.Throws<ArgumentException>(() => source.Exchange(other.Current.Copy()));
        Assert.Throws<ArgumentNullException>(() => source.Exchange(null!));
    }
}
