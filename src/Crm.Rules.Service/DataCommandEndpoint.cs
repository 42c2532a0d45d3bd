using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.Rules.CommandLine;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Crm.Rules.Service;

/// <summary>
/// <c>POST /v1/{command}</c>: runs one crm-rules data command over the request body with the rule set in force.
/// </summary>
/// <remarks>
/// The body goes to a temporary file that the command reads with <c>--input FILE --input-format F</c>, so the
/// server never touches the command library's static stdin hook; results are captured as the command's JSON or JSON
/// Lines, and its record errors (one <c>error: FILE line N (id X), field 'F': sentence</c> line each) become RFC 9457
/// problem details. Contract: 200 when anything was read (valid records answered, failed ones in <c>errors</c>), 400
/// when the options or the input as a whole are refused, 415 for a content type that is not CSV, JSON or JSON Lines.
/// The command runs with <c>--viewer</c> of the authenticated caller (<see cref="CallerViewer"/>, DATA-4): 403 when the
/// access rules refuse that viewer, and the answer counts the records hidden from it in <c>hidden</c>.
/// </remarks>
internal static partial class DataCommandEndpoint
{
    /// <summary>The commands served: the per-record and aggregating data commands of issue 15's first slice.</summary>
    public static readonly FrozenSet<string> Commands =
        FrozenSet.Create(StringComparer.Ordinal, "grade", "churn", "cadence", "sla", "prioritise", "lifecycle", "assess", "nps", "loyalty");

    // Options a request may not set: files on the server (config, input, out), the server's own choices (format,
    // input format) and who sees what (viewer, reveal) — DATA-3/DATA-4 from the caller's word would be no control.
    private static readonly FrozenSet<string> Refused =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "config", "input", "inputFormat", "format", "out", "diagram", "viewer", "reveal", "summary");

    /// <summary>The JSON Lines media types, in request and response.</summary>
    public static readonly string[] JsonLinesTypes = ["application/x-ndjson", "application/jsonl"];

    // The temporary file's name: the command names it in every location ("request.csv line 5"), which the problem
    // details give without it.
    private const string InputName = "request";

    public static async Task<IResult> Run(string command, HttpContext context, IOptionsMonitor<ServiceOptions> settings)
    {
        if (!Commands.Contains(command))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such command",
                detail: $"'{Printable(command)}' is not a data command served here; use one of {string.Join(", ", Commands.Order(StringComparer.Ordinal))}.");
        }

        if (InputFormatOf(context.Request.ContentType) is not { } inputFormat)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: "Send the records in UTF-8 as text/csv, application/json, application/x-ndjson or application/jsonl.");
        }

        // DATA-4: the viewer is the authenticated caller's, never the request's word (viewer is a refused option).
        var ruleSet = RuleSetInForce.Of(context);
        if (!CallerViewer.TryGet(context.User, out var viewer, out var refusal)
            || (viewer is { } v && !ruleSet.Access.Accepts(v, out refusal)))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No access to customer records",
                detail: $"The caller is not a viewer the access rules accept: {Printable(refusal, 200)}.");
        }

        var args = new List<string> { command };
        if (viewer is { } given)
        {
            args.AddRange(["--viewer", given.ToString()]);
        }

        foreach (var (key, values) in context.Request.Query)
        {
            if (!OptionName().IsMatch(key) || Refused.Contains(key))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Option not accepted",
                    detail: $"The query parameter '{Printable(key)}' is not an option a request may set.");
            }

            foreach (var value in values)
            {
                args.Add("--" + Kebab(key));
                args.Add(value ?? "");
            }
        }

        var jsonLines = WantsJsonLines(context.Request.Headers.Accept);
        var limit = settings.CurrentValue.MaxRequestBodyBytes;
        var maxRecords = settings.CurrentValue.MaxRecords;
        var directory = Directory.CreateTempSubdirectory("crm-rules-");
        try
        {
            var path = Path.Combine(directory.FullName, $"{InputName}.{inputFormat}");
            if (!await CopyBody(context, path, limit).ConfigureAwait(false))
            {
                return TooLarge(limit);
            }

            args.AddRange(["--input", path, "--input-format", inputFormat, "--format", jsonLines ? "jsonl" : "json"]);
            if (jsonLines)
            {
                return await StreamJsonLines(context, command, [.. args], ruleSet, maxRecords, viewer is not null, directory.FullName).ConfigureAwait(false);
            }

            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var error = new StringWriter(CultureInfo.InvariantCulture);

            // One worker per request (Workers = 1): the requests share the machine's processors among themselves.
            var exit = CliApp.Run([.. args], output, error, outputIsTerminal: false, new CommandEnvironment { RuleSet = ruleSet, MaxRecords = maxRecords, Workers = 1 });
            if (exit == ExitCodes.InternalError)
            {
                // The command's one-line message may name internals; the log keeps it, the client gets a plain 500.
                throw new InvalidOperationException($"crm-rules {command} failed: {error}");
            }

            var errorText = error.ToString();
            if (TooManyRecords(errorText, maxRecords) is { } tooMany)
            {
                return tooMany;
            }

            // JSON Lines answers streamed above: this one is a JSON array.
            var problems = Problems(errorText, directory.FullName);
            var results = output.ToString();
            using var document = string.IsNullOrWhiteSpace(results) ? null : JsonDocument.Parse(results);
            var written = document is null ? 0 : document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;

            if (exit != ExitCodes.Success && written == 0 && !problems.Any(p => p.IsRecordError))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be run",
                    detail: problems.Count > 0 ? problems[0].Detail : "The command refused its input.",
                    extensions: new Dictionary<string, object?> { ["errors"] = problems.Select(p => p.ToElement()).ToArray() });
            }

            var hidden = viewer is null ? null : HiddenCount(errorText);
            return Results.Text(JsonBody(command, ruleSet, document, problems, hidden), "application/json", Encoding.UTF8, StatusCodes.Status200OK);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // JSON Lines answers stream: the command writes into a pipe on its own thread while the request copies each chunk of
    // result lines to the client as it comes, so a large batch is neither held whole in memory nor waited for. The status
    // is chosen when the first result arrives (200) or, when none does, from the finished run as for a JSON answer
    // (400 when the input as a whole was refused). The closing {"errors":[…]} line follows the last result; a run that
    // fails after results went out cannot change the status any more, so the closing line then carries an input error
    // saying the answer is incomplete.
    private static async Task<IResult> StreamJsonLines(HttpContext context, string command, string[] args, CrmRuleSet ruleSet, long maxRecords, bool hasViewer, string directory)
    {
        var pipe = new System.IO.Pipelines.Pipe();

        // Not disposed here: a client that leaves mid-answer ends this method while the command may still be writing.
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var run = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    using var output = new StreamWriter(pipe.Writer.AsStream(leaveOpen: true), new UTF8Encoding(false), 16 * 1024);
                    return CliApp.Run(args, output, error, outputIsTerminal: false, new CommandEnvironment { RuleSet = ruleSet, MaxRecords = maxRecords, Workers = 1 });
                }
                finally
                {
                    pipe.Writer.Complete();
                }
            },
            context.RequestAborted,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        try
        {
            return await Answer().ConfigureAwait(false);
        }
        finally
        {
            // A client gone mid-answer: the command's next write fails and ends its run (it would otherwise read the
            // rest of the body for nobody); the run is awaited so that the request's folder is deleted after it.
            await pipe.Reader.CompleteAsync(context.RequestAborted.IsCancellationRequested ? new OperationCanceledException("the client left") : null).ConfigureAwait(false);
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client is gone: nobody to tell.
            }
        }

        async Task<IResult> Answer()
        {
            var first = await pipe.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            if (first.Buffer.IsEmpty && first.IsCompleted)
            {
                // Nothing written: refused as a whole, or every record failed — decided exactly as a buffered answer is.
                await pipe.Reader.CompleteAsync().ConfigureAwait(false);
                var exit = await run.ConfigureAwait(false);
                if (exit == ExitCodes.InternalError)
                {
                    throw new InvalidOperationException($"crm-rules {command} failed: {error}");
                }

                var errorText = error.ToString();
                if (TooManyRecords(errorText, maxRecords) is { } tooMany)
                {
                    return tooMany;
                }

                var problems = Problems(errorText, directory);
                if (exit != ExitCodes.Success && !problems.Any(p => p.IsRecordError))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be run",
                        detail: problems.Count > 0 ? problems[0].Detail : "The command refused its input.",
                        extensions: new Dictionary<string, object?> { ["errors"] = problems.Select(p => p.ToElement()).ToArray() });
                }

                return Results.Text(JsonLinesBody(problems, hasViewer ? HiddenCount(errorText) : null), JsonLinesTypes[0], Encoding.UTF8, StatusCodes.Status200OK);
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = JsonLinesTypes[0] + "; charset=utf-8";
            var body = context.Response.BodyWriter;

            // The first read decided the status; it is written, and the rest of the answer streams through as it comes.
            foreach (var segment in first.Buffer)
            {
                await body.WriteAsync(segment, context.RequestAborted).ConfigureAwait(false);
            }

            pipe.Reader.AdvanceTo(first.Buffer.End);
            if (!first.IsCompleted)
            {
                await pipe.Reader.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            }

            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            var code = await run.ConfigureAwait(false);
            var closingText = error.ToString();
            var closing = Problems(closingText, directory);
            if (code == ExitCodes.InternalError)
            {
                // The log keeps the command's message; the client learns only that the answer stops short.
                RunFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataCommandEndpoint)), command, closingText);
                closing = [.. closing.Where(p => p.IsRecordError), new RecordProblem(null, null, null, null, null, "The run failed after these results; the answer is incomplete.")];
            }

            await body.WriteAsync(Encoding.UTF8.GetBytes(JsonLinesBody(closing, hasViewer ? HiddenCount(closingText) : null)), context.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        }
    }

    /// <summary>The <c>--input-format</c> a content type means, or <see langword="null"/>.</summary>
    public static string? InputFormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        // The commands read UTF-8 strictly; a body declared in another charset would fail record by record.
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return media.MediaType.Value?.ToLowerInvariant() switch
        {
            "text/csv" => "csv",
            "application/json" => "json",
            "application/x-ndjson" or "application/jsonl" => "jsonl",
            _ => null,
        };
    }

    private static bool WantsJsonLines(Microsoft.Extensions.Primitives.StringValues accept)
        => MediaTypeHeaderValue.TryParseList(accept, out var types)
           && types.Any(t => JsonLinesTypes.Any(j => t.MediaType.Equals(j, StringComparison.OrdinalIgnoreCase)));

    // Copies at most limit bytes; false when the body is larger. Kestrel's own limit (30 MB by default) is raised to
    // ours for this request, and counted here as well because not every server enforces it.
    private static async Task<bool> CopyBody(HttpContext context, string path, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return false;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
            }
        }

        return true;
    }

    // A run stopped at MaxRecords: the request as a whole is too large, whatever the records before the limit gave.
    // Only the run's own line counts: a record error quoting the sentence (an id, a value) starts with its location.
    private static IResult? TooManyRecords(string error, long limit) => error.Split('\n').Any(line => line.StartsWith($"error: {Crm.Rules.CommandLine.Records.RecordRun.TooManyRecords}", StringComparison.Ordinal))
        ? Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many records",
            detail: string.Create(CultureInfo.InvariantCulture, $"A request may hold at most {limit} records ({ServiceOptions.Section}:MaxRecords); send the rest in another request."))
        : null;

    internal static IResult TooLarge(long limit) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
        detail: string.Create(CultureInfo.InvariantCulture, $"The body may have at most {limit} bytes ({ServiceOptions.Section}:MaxRequestBodyBytes)."));

    /// <summary>The command's error lines as problems; progress and summary lines are left out.</summary>
    internal static List<RecordProblem> Problems(string error, string directory)
    {
        var problems = new List<RecordProblem>();
        foreach (var raw in error.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith("error: ", StringComparison.Ordinal))
            {
                continue;
            }

            // Never a server path in an answer, even from an I/O message.
            var text = line["error: ".Length..].Replace(directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
            var match = RecordError().Match(text);
            problems.Add(match.Success
                ? new RecordProblem(
                    Location: match.Groups["location"].Value,
                    Line: Number(LineNumber().Match(match.Groups["location"].Value)),
                    Record: Number(RecordNumber().Match(match.Groups["location"].Value)),
                    Id: match.Groups["id"].Success ? match.Groups["id"].Value : null,
                    Field: match.Groups["field"].Success ? match.Groups["field"].Value : null,
                    Detail: match.Groups["sentence"].Value)
                : new RecordProblem(null, null, null, null, null, text));
        }

        return problems;

        static long? Number(Match m) => m.Success ? long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
    }

    // The summary line's "N hidden by access (DATA-4)": hidden records are counted, never silently dropped.
    private static int? HiddenCount(string error)
        => HiddenByAccess().Match(error) is { Success: true } m ? int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;

    private static string JsonBody(string command, CrmRuleSet ruleSet, JsonDocument? results, List<RecordProblem> problems, int? hidden)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonAnswer.Options))
        {
            json.WriteStartObject();
            json.WriteString("command", command);
            json.WriteString("fingerprint", ruleSet.Fingerprint);
            json.WritePropertyName("results");
            if (results is null)
            {
                json.WriteStartArray();
                json.WriteEndArray();
            }
            else
            {
                // Re-written compact: the command indents its JSON for a terminal.
                results.RootElement.WriteTo(json);
            }

            WriteErrors(json, problems);
            WriteHidden(json, hidden);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // The results' lines as the command wrote them, then one closing object {"errors":[…]}: always there, so a client
    // that did not see it knows the answer was cut short.
    private static string JsonLinesBody(List<RecordProblem> problems, int? hidden)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonAnswer.Options))
        {
            json.WriteStartObject();
            WriteErrors(json, problems);
            WriteHidden(json, hidden);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteErrors(Utf8JsonWriter json, List<RecordProblem> problems)
    {
        json.WriteStartArray("errors");
        foreach (var problem in problems)
        {
            problem.Write(json);
        }

        json.WriteEndArray();
    }

    private static void WriteHidden(Utf8JsonWriter json, int? hidden)
    {
        if (hidden is { } count)
        {
            json.WriteNumber("hidden", count);
        }
    }


    private static string Kebab(string camel) => CamelHump().Replace(camel, "$1-$2").ToLowerInvariant();

    // Echoes only printable ASCII of what the caller sent, and not much of it.
    private static string Printable(string text, int limit = 64)
    {
        var kept = new string([.. text.Take(limit).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return text.Length > limit ? kept + "…" : kept;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "crm-rules {Command} failed after its first results: {Error}")]
    private static partial void RunFailed(ILogger logger, string command, string error);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex OptionName();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelHump();

    // "request.csv line 5 (id C-1), field 'frequency': 'x' is not a number"; the location of a JSON record carries
    // its own parentheses ("record 2 (line 1, byte 118)"), hence the lazy location before the optional id.
    [GeneratedRegex(@"^request\.(?:csv|json|jsonl) (?<location>.+?)(?: \(id (?<id>.*?)\))?(?:, field '(?<field>[^']*)')?: (?<sentence>.*)$")]
    private static partial Regex RecordError();

    [GeneratedRegex(@"\b(\d+) hidden by access \(DATA-4\)")]
    private static partial Regex HiddenByAccess();

    [GeneratedRegex(@"\bline (\d+)")]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"\brecord (\d+)")]
    private static partial Regex RecordNumber();
}

/// <summary>One error of a data command run as an RFC 9457 problem detail, naming the record and field when it can.</summary>
/// <param name="Location">Where in the body: <c>line 5</c> (CSV, JSON Lines) or <c>record 2 (line 1, byte 118)</c> (JSON).</param>
/// <param name="Line">The line, when the location names one.</param>
/// <param name="Record">The record's ordinal, when the location names one (JSON).</param>
/// <param name="Id">The record's id as written (contact details masked, DATA-3), when it has one.</param>
/// <param name="Field">The field, when the error is about one.</param>
/// <param name="Detail">The sentence.</param>
internal sealed record RecordProblem(string? Location, long? Line, long? Record, string? Id, string? Field, string Detail)
{
    /// <summary>The problem type of an error in one record.</summary>
    public const string RecordErrorType = "urn:crm-rules:problem:record-error";

    /// <summary>The problem type of an error in the input as a whole, or of the run.</summary>
    public const string InputErrorType = "urn:crm-rules:problem:input-error";

    /// <summary>Whether the error is about one record (it names the record's id or a field) rather than the input.</summary>
    public bool IsRecordError => Id is not null || Field is not null;

    /// <summary>The problem as a JSON element, for a problem details extension.</summary>
    public JsonElement ToElement()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonAnswer.Options))
        {
            Write(json);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", IsRecordError ? RecordErrorType : InputErrorType);
        json.WriteString("title", IsRecordError ? "A record cannot be read or evaluated" : "The input cannot be read further");
        json.WriteNumber("status", StatusCodes.Status422UnprocessableEntity);
        json.WriteString("detail", Detail);
        WriteIfAny(json, "location", Location);
        if (Line is { } line)
        {
            json.WriteNumber("line", line);
        }

        if (Record is { } record)
        {
            json.WriteNumber("record", record);
        }

        WriteIfAny(json, "id", Id);
        WriteIfAny(json, "field", Field);
        json.WriteEndObject();
    }

    private static void WriteIfAny(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
