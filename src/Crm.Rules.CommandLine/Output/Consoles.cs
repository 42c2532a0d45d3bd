using Spectre.Console;

namespace Crm.Rules.CommandLine.Output;

/// <summary>Spectre.Console consoles bound to a given writer, so output goes where the command was told.</summary>
internal static class Consoles
{
    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = CliApp.OutputIsTerminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });

        // Tables are made to fit an 80-column terminal; a real terminal's own width is used when it is wider.
        if (!terminal)
        {
            console.Profile.Width = 80;
        }

        return console;
    }
}
