using Crm.Rules.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
