using Crm.Rules.CommandLine.Commands;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Crm.Rules.Lifecycle;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>
/// The inputs of <c>crm-rules report</c> beside the profiles: stage histories for the funnel (<c>--histories</c>, the
/// records <c>crm-rules funnel</c> reads, with <c>--machine</c>) and tickets for SLA compliance (<c>--tickets</c>, the
/// records <c>crm-rules sla</c> reads). Each is read as those commands read it — the same fields, the same per-record
/// errors, the same <c>--max-errors</c>, viewer and masking — and evaluated by the same rules (LIFE-5, SLA-1 … SLA-8).
/// </summary>
/// <param name="Histories">The <c>--histories</c> file, <c>-</c> for stdin, or <see langword="null"/> when not given.</param>
/// <param name="Machine">The <c>--machine</c> whose stage order the funnel follows.</param>
/// <param name="Tickets">The <c>--tickets</c> file, <c>-</c> for stdin, or <see langword="null"/> when not given.</param>
internal sealed record ReportInputs(string? Histories, string Machine, string? Tickets)
{
    /// <summary>Refuses what would fail only after the profiles were read: a file that does not exist, stdin named twice.</summary>
    /// <exception cref="InputException">A file does not exist, or more than one input is <c>-</c>.</exception>
    public void Check(DataCommandOptions options)
    {
        if (new[] { options.Input, Histories, Tickets }.Count(i => i == "-") > 1)
        {
            throw new InputException("--input, --histories and --tickets: only one of them can be - (stdin)");
        }

        foreach (var (option, path) in new[] { ("--histories", Histories), ("--tickets", Tickets) })
        {
            if (path is not null && path != "-" && !File.Exists(path))
            {
                throw new InputException($"{option}: {FieldText.Excerpt(path)}: the input file does not exist");
            }
        }
    }

    /// <summary>
    /// Reads the histories and the tickets given, each through its own record run (its errors and its summary line on
    /// <paramref name="error"/>), under <paramref name="ruleSet"/>: the rule set the profiles were assessed with.
    /// </summary>
    /// <exception cref="InputException">The machine is unknown, or a file cannot be opened (no header, an unknown column).</exception>
    public ReportAttachments Read(DataCommandOptions options, CrmRuleSet ruleSet, TextWriter error)
    {
        var access = options.AccessFor(ruleSet);
        var exit = ExitCodes.Success;
        FunnelFigures? funnel = null;
        SlaFigures? sla = null;
        if (Histories is not null)
        {
            var machine = LifecycleCommand.FunnelMachine(ruleSet.Lifecycle, Machine);
            var file = Shown(Histories, access);
            using var source = (options with { Input = Histories, InputFormat = null }).Open(access.Schema(LifecycleCommand.FunnelFields));
            var run = new RecordRun(error, "report --histories", options.MaxErrors, access);
            var histories = LifecycleCommand.ReadHistories(source, run, machine);
            if (run.Stopped)
            {
                error.WriteLine($"error: no funnel in the report: {file} was not read to the end");
                funnel = new FunnelFigures(file, machine, null, 0, NotReadToTheEnd(file, "histories"));
            }
            else
            {
                // The whole period, as crm-rules funnel without --from and --to.
                funnel = new FunnelFigures(file, machine, ruleSet.Lifecycle.Funnel(machine, histories.Values, Instant.MinValue, Instant.MaxValue), histories.Count, null);
            }

            exit = Math.Max(exit, run.Finish("entries", ruleSet.Fingerprint, $"{histories.Count:N0} histories in {file}"));
        }

        if (Tickets is not null)
        {
            var file = Shown(Tickets, access);
            using var source = (options with { Input = Tickets, InputFormat = null }).Open(access.Schema(SlaCommand.Fields));
            var run = new RecordRun(error, "report --tickets", options.MaxErrors, access);
            var byPolicy = new Dictionary<string, PolicyCompliance>(StringComparer.Ordinal);
            run.Run(source, null, record =>
            {
                if (SlaCommand.Evaluate(record, ruleSet.Sla) is not var (assessment, _))
                {
                    return false;
                }

                if (!byPolicy.TryGetValue(assessment.Policy, out var policy))
                {
                    byPolicy[assessment.Policy] = policy = new PolicyCompliance(assessment.Policy);
                }

                policy.Add(assessment.Status);
                run.Wrote(assessment.Status.ToText());
                return true;
            });

            if (run.Stopped)
            {
                error.WriteLine($"error: no SLA compliance in the report: {file} was not read to the end");
                sla = new SlaFigures(file, [], NotReadToTheEnd(file, "tickets"));
            }
            else
            {
                // In the configured order of the policies, so two reports list them alike.
                var order = ruleSet.Sla.Policies.Select((p, i) => (p.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
                sla = new SlaFigures(file, [.. byPolicy.Values.OrderBy(p => order.GetValueOrDefault(p.Policy, int.MaxValue)).ThenBy(p => p.Policy, StringComparer.Ordinal)], null);
            }

            exit = Math.Max(exit, run.Finish("statuses", ruleSet.Fingerprint, $"tickets in {file}"));
        }

        return new ReportAttachments(funnel, sla, exit);
    }

    private static string NotReadToTheEnd(string file, string what)
        => $"{file} was not read to the end (--max-errors stopped it), and figures from part of the {what} would be wrong, not just fewer";

    // The page names a file, never its folder; stdin is "stdin", as in the record errors.
    private static string Shown(string path, RecordAccess access)
    {
        var name = path == "-" ? "stdin" : Path.GetFileName(path);
        return access.Masker is { } masker ? masker.Mask(SafeText.Printable(name)) : SafeText.Printable(name);
    }
}

/// <summary>What <see cref="ReportInputs.Read"/> found: the funnel and SLA figures (null when their option was not given) and the exit code of reading them.</summary>
internal sealed record ReportAttachments(FunnelFigures? Funnel, SlaFigures? Sla, int Exit)
{
    /// <summary>A few words for the line <c>report</c> prints: <c>, 5 histories, 6 tickets</c>, or nothing.</summary>
    public string Counts =>
        (Funnel is { Report: not null } f ? $", {f.Histories:N0} histories" : "")
        + (Sla is { NotDrawn: null } s ? $", {s.Policies.Sum(p => p.Tickets):N0} tickets" : "");
}

/// <summary>The funnel (LIFE-5) over the histories of <paramref name="File"/>, or why it is not drawn.</summary>
/// <param name="File">The file's name as the page shows it.</param>
/// <param name="Machine">The machine whose stage order the funnel follows.</param>
/// <param name="Report">The library's funnel report, or <see langword="null"/> when the file was not read to the end.</param>
/// <param name="Histories">How many histories (ids) were read.</param>
/// <param name="NotDrawn">Why the funnel is not drawn, or <see langword="null"/>.</param>
internal sealed record FunnelFigures(string File, StateMachine Machine, FunnelReport? Report, int Histories, string? NotDrawn);

/// <summary>SLA statuses per policy over the tickets of <paramref name="File"/>, or why they are not drawn.</summary>
/// <param name="File">The file's name as the page shows it.</param>
/// <param name="Policies">One entry per policy that evaluated a ticket, in the configured order.</param>
/// <param name="NotDrawn">Why the section is not drawn, or <see langword="null"/>.</param>
internal sealed record SlaFigures(string File, IReadOnlyList<PolicyCompliance> Policies, string? NotDrawn);

/// <summary>
/// The tickets of one policy counted by the status the SLA rules gave them (<see cref="SlaStatus"/>), and the share
/// that complied: met on time over every ticket whose outcome is known — met, met late, or breached while still open.
/// Running, warning (at risk) and paused tickets have no outcome yet and are left out of the share.
/// </summary>
internal sealed class PolicyCompliance(string policy)
{
    public string Policy { get; } = policy;

    public long Tickets => Met + MetLate + Breached + Warning + Running + Paused;

    public long Met { get; private set; }

    public long MetLate { get; private set; }

    public long Breached { get; private set; }

    /// <summary>Running past a warning threshold: at risk.</summary>
    public long Warning { get; private set; }

    public long Running { get; private set; }

    public long Paused { get; private set; }

    /// <summary>The tickets whose outcome is known: met, met late, breached.</summary>
    public long Decided => Met + MetLate + Breached;

    /// <summary>Met over decided, 0–1; <see langword="null"/> when no ticket's outcome is known yet.</summary>
    public decimal? Compliance => Decided == 0 ? null : (decimal)Met / Decided;

    public void Add(SlaStatus status)
    {
        switch (status)
        {
            case SlaStatus.Met:
                Met++;
                break;
            case SlaStatus.MetLate:
                MetLate++;
                break;
            case SlaStatus.Breached:
                Breached++;
                break;
            case SlaStatus.Warning:
                Warning++;
                break;
            case SlaStatus.Running:
                Running++;
                break;
            case SlaStatus.Paused:
                Paused++;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Not an SLA status.");
        }
    }
}
