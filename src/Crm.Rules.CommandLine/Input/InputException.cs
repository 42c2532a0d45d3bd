namespace Crm.Rules.CommandLine.Input;

/// <summary>A problem with an input file or record that stops it from being read: names file, line or record, and field.</summary>
internal sealed class InputException(string message) : Exception(message);
