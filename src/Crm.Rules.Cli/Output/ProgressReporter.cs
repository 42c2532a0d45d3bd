using Spectre.Console;

namespace Crm.Rules.Cli.Output;

/// <summary>
/// Progress on stderr for large inputs (10,000 records or more): a live Spectre.Console bar when stderr is a terminal,
/// a plain line per tenth of the work when it is redirected. Small inputs print nothing.
/// </summary>
internal static class ProgressReporter
{
    private const int Threshold = 10_000;

    public static void Run(TextWriter error, int total, string description, Action<Action> body)
    {
        if (total < Threshold)
        {
            body(static () => { });
            return;
        }

        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress().Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                body(() => task.Increment(1));
            });
            return;
        }

        long done = 0;
        var tenth = Math.Max(1, total / 10);
        body(() =>
        {
            if (++done % tenth == 0)
            {
                error.WriteLine($"{description}: {done:N0} of {total:N0} records");
            }
        });
    }
}
