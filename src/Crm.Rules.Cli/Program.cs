using System.Text;
using Crm.Rules.CommandLine;

// Buffered UTF-8 stdout: Console.Out flushes on every write, which costs more than the rules on a large input.
var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
var code = CrmRulesCommandLine.Run(args, stdout, Console.Error, outputIsTerminal: !Console.IsOutputRedirected);
stdout.Flush();
return code;
