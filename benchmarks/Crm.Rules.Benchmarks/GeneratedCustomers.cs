using System.Text;

namespace Crm.Rules.Benchmarks;

/// <summary>A CSV of seed-standard customers with random 1..5 scores per indicator, the same for a given seed.</summary>
internal static class GeneratedCustomers
{
    public static void Write(string path, int customers, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\n");
        for (var i = 0; i < customers; i++)
        {
            writer.Write($"C{i:D7},{random.Next(1, 6)},{random.Next(1, 6)},{random.Next(1, 6)},{random.Next(1, 6)},{random.Next(1, 6)},{random.Next(1, 6)}\n");
        }
    }
}
