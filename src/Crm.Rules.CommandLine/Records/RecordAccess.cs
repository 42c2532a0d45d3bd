using System.Text.Json;
using Crm.Rules.Access;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Data;
using Crm.Rules.DataQuality;

namespace Crm.Rules.CommandLine.Records;

/// <summary>
/// What a data command's <c>--viewer</c> may see (DATA-4), and the contact masking that goes with it (DATA-3): which
/// records are written, which output columns are filled, whether contact details and the values of personal fields
/// (<c>dataQuality.personalFields</c>) are masked. Without a viewer every record and column is written, masked unless
/// <c>--reveal</c>.
/// </summary>
internal sealed class RecordAccess
{
    // Not customer data: the rule set that answered, which every viewer may know.
    private const string FingerprintColumn = "fingerprint";

    private readonly AccessRules _rules;
    private readonly DataQualityRules _dataQuality;
    private readonly Viewer? _viewer;
    private readonly bool _masksId;
    private readonly HashSet<string> _optional = new(StringComparer.Ordinal);
    private RecordSchema? _schema;
    private int _ownerSlot = -1;
    private int _teamSlot = -1;

    private RecordAccess(CrmRuleSet ruleSet, Viewer? viewer, ContactMasker? masker)
    {
        _rules = ruleSet.Access;
        _dataQuality = ruleSet.DataQuality;
        _viewer = viewer;
        Masker = masker;
        _masksId = masker is not null && _dataQuality.IsPersonal(RecordSchema.IdField);
    }

    /// <summary>Where the run says which input record it is evaluating (see <see cref="CommandEnvironment.Cursor"/>).</summary>
    public RecordCursor? Cursor { get; private init; }

    /// <summary>The most records one run reads (see <see cref="CommandEnvironment.MaxRecords"/>).</summary>
    public long? MaxRecords { get; private init; }

    /// <summary>The DATA-3 masker of output and messages, or none when contact details are revealed.</summary>
    public ContactMasker? Masker { get; }

    /// <summary>Whether a viewer was given (and so the summary counts the hidden records).</summary>
    public bool HasViewer => _viewer is not null;

    /// <summary>Whether the viewer sees only the usage fields.</summary>
    public bool UsageOnly => _viewer is { } viewer && _rules.TryGetRole(viewer.Role, out var role) && role.Fields == FieldAccess.Usage;

    /// <summary>Reads <c>--viewer</c> and <c>--reveal</c> against the rule set's access rules.</summary>
    /// <exception cref="InputException">The viewer is not <c>role:id[:team]</c>, its role is unknown, a team role names no team, or <c>--reveal</c> is given for a role that may not reveal contact details.</exception>
    public static RecordAccess For(DataCommandOptions options, CrmRuleSet ruleSet)
    {
        var masker = new ContactMasker(ruleSet.DataQuality);
        var rules = ruleSet.Access;
        if (options.Viewer is null)
        {
            return new RecordAccess(ruleSet, null, options.Reveal ? null : masker) { Cursor = options.Environment.Cursor, MaxRecords = options.Environment.MaxRecords };
        }

        // The viewer's own id may be an e-mail address: its messages are masked like every other.
        if (!Viewer.TryParse(options.Viewer, out var viewer, out var problem) || !rules.Accepts(viewer, out problem))
        {
            throw new InputException($"--viewer: {masker.Mask(SafeText.Printable(problem))}");
        }

        rules.TryGetRole(viewer.Role, out var role);
        if (options.Reveal && !role!.RevealContacts)
        {
            var allowed = rules.Roles.Where(r => r.RevealContacts).Select(r => r.Name).ToList();
            throw new InputException(
                $"--reveal: role '{role.Name}' may not see contact details unmasked (its revealContacts is false; roles that may: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))})");
        }

        return new RecordAccess(ruleSet, viewer, options.Reveal ? null : masker) { Cursor = options.Environment.Cursor, MaxRecords = options.Environment.MaxRecords };
    }

    /// <summary>
    /// A command's schema with the owner and team columns and the personal fields added, so that an input may carry
    /// them whether or not a viewer is given or the command reads them (a column no rule reads is only masked where it
    /// is echoed). Unless revealed, the personal fields are marked so in the schema: no message echoes their values.
    /// </summary>
    public RecordSchema Schema(IEnumerable<string> fields)
    {
        var names = fields.ToList();
        foreach (var column in new[] { _rules.OwnerField, _rules.TeamField }.Concat(_dataQuality.PersonalFields))
        {
            // The id is every schema's slot 0 already.
            if (column != RecordSchema.IdField && !names.Contains(column, StringComparer.Ordinal))
            {
                names.Add(column);
                _optional.Add(column);
            }
        }

        IEnumerable<string> personal = Masker is null ? [] : _dataQuality.PersonalFields.Where(f => f != RecordSchema.IdField);
        return new RecordSchema(names, personal);
    }

    /// <summary>Whether a column is one the command does not need and <see cref="Schema"/> added: owner, team (DATA-4) or a personal field (DATA-3).</summary>
    public bool IsOptionalColumn(string column) => _optional.Contains(column);

    /// <summary>
    /// A value copied from the input field <paramref name="field"/> into output or a message: masked with the
    /// personal mask when the field is personal and not revealed (DATA-3); otherwise as it is (the writer still masks
    /// contact details in it).
    /// </summary>
    public string? Echo(string field, string? value) => value is not null && MasksPersonal(field) ? _dataQuality.MaskPersonal(value) : value;

    /// <inheritdoc cref="Echo(string, string?)"/>
    public ReadOnlySpan<char> Echo(string field, ReadOnlySpan<char> value) => MasksPersonal(field) ? _dataQuality.MaskPersonal(value.ToString()) : value;

    // Every written record echoes its id: that answer is looked up once, not per record.
    private bool MasksPersonal(string field) => field == RecordSchema.IdField ? _masksId : Masker is not null && _dataQuality.IsPersonal(field);

    /// <summary>
    /// Whether the viewer may not see the record. A hidden record is not evaluated, and its problems are not printed:
    /// they would show the viewer its id and values. An owner or team that cannot be read (only spaces, a JSON number)
    /// counts as none, and its error stays on the record for a viewer who sees it anyway.
    /// </summary>
    public bool Hides(Record record)
    {
        if (_viewer is not { } viewer)
        {
            return false;
        }

        if (!ReferenceEquals(record.Schema, _schema))
        {
            _schema = record.Schema;
            _ownerSlot = _schema.IndexOf(_rules.OwnerField);
            _teamSlot = _schema.IndexOf(_rules.TeamField);
        }

        return !_rules.Decide(viewer, TextOf(record, _ownerSlot), TextOf(record, _teamSlot)).IsVisible;
    }

    /// <summary>Whether the viewer may see an output column (every column without a viewer).</summary>
    public bool ShowsColumn(string column)
        => _viewer is not { } viewer || column == FingerprintColumn || _rules.MaySeeField(viewer, column);

    /// <summary>The writer itself, or for a usage-only viewer a writer that leaves out every column the viewer may not see.</summary>
    public ResultWriter Filter(ResultWriter writer) => UsageOnly ? new ColumnFilterWriter(writer, this) : writer;

    /// <summary>
    /// A record's problem as the viewer may read it: one about a field the viewer may not see keeps its place but not
    /// its text; a personal id is masked like in the output (DATA-3).
    /// </summary>
    public string Describe(RecordError problem)
    {
        var id = Echo(RecordSchema.IdField, problem.Id);
        if (!UsageOnly || (problem.Field is { } field && ShowsColumn(field)))
        {
            return (ReferenceEquals(id, problem.Id) ? problem : problem with { Id = id }).ToString();
        }

        return new RecordError(problem.Location, ShowsColumn(RecordSchema.IdField) ? id : null, problem.Field, "cannot be read or evaluated (not shown: the viewer sees usage fields only, DATA-4)").ToString();
    }

    private static ReadOnlySpan<char> TextOf(Record record, int slot)
    {
        if (slot < 0)
        {
            return [];
        }

        if (record.KindOf(slot) == FieldKind.Text)
        {
            return record.RawText(slot);
        }

        // Records the strict reader's error (spaces only, a JSON number or object); no value reads as none.
        _ = record.HasValue(slot) ? record.Text(slot) : null;
        return [];
    }

    /// <summary>Forwards only the columns the viewer may see: JSON leaves the others out, CSV and the table leave their cells empty.</summary>
    private sealed class ColumnFilterWriter(ResultWriter inner, RecordAccess access) : ResultWriter
    {
        public override ContactMasker? Masker { get => inner.Masker; set => inner.Masker = value; }

        public override void BeginRecord() => inner.BeginRecord();

        public override void BeginSection(string name) => inner.BeginSection(name);

        public override void EndSection() => inner.EndSection();

        public override void Text(string name, string? value)
        {
            if (access.ShowsColumn(name))
            {
                inner.Text(name, value);
            }
        }

        // Forwarded, so that a viewer's CSV is filled from the section as everyone's is.
        public override void List(string name, in TextList list)
        {
            if (access.ShowsColumn(name))
            {
                inner.List(name, list);
            }
        }

        public override void Text(string name, ReadOnlySpan<char> value)
        {
            if (access.ShowsColumn(name))
            {
                inner.Text(name, value);
            }
        }

        public override void Formatted(string name, string? value)
        {
            if (access.ShowsColumn(name))
            {
                inner.Formatted(name, value);
            }
        }

        public override void Date(string name, NodaTime.LocalDate? value)
        {
            if (access.ShowsColumn(name))
            {
                inner.Date(name, value);
            }
        }

        public override void Number(string name, decimal? value)
        {
            if (access.ShowsColumn(name))
            {
                inner.Number(name, value);
            }
        }

        public override void Integer(string name, long? value)
        {
            if (access.ShowsColumn(name))
            {
                inner.Integer(name, value);
            }
        }

        public override void Boolean(string name, bool value)
        {
            if (access.ShowsColumn(name))
            {
                inner.Boolean(name, value);
            }
        }

        public override void List(string name, IReadOnlyList<string> values)
        {
            if (access.ShowsColumn(name))
            {
                inner.List(name, values);
            }
        }

        public override void Details(string name, Action<Utf8JsonWriter> json, Func<string> text)
        {
            if (access.ShowsColumn(name))
            {
                inner.Details(name, json, text);
            }
        }

        public override void Details(string name, in DetailsPart details)
        {
            if (access.ShowsColumn(name))
            {
                inner.Details(name, details);
            }
        }

        public override void EndRecord() => inner.EndRecord();

        public override void Complete() => inner.Complete();

        public override void Dispose() => inner.Dispose();
    }
}
