using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Crm.Rules.Testing;

/// <summary>
/// Runs one random property through FsCheck's own runner, so that a failure is shrunk by the arbitrary's shrinker, and
/// captures the result as a <see cref="RuleCheckResult"/> instead of the console text or exception FsCheck would give.
/// </summary>
internal static class PropertyRun
{
    /// <summary>Checks that <paramref name="violation"/> finds nothing wrong with any case of <paramref name="cases"/>.</summary>
    /// <param name="property">The property, in words.</param>
    /// <param name="cases">The cases, with their shrinker.</param>
    /// <param name="violation">What is wrong with a case; <see langword="null"/> when nothing is.</param>
    /// <param name="maxTest">How many cases to try.</param>
    public static RuleCheckResult Check<T>(string property, Arbitrary<T> cases, Func<T, string?> violation, int maxTest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTest, 1);
        var capture = new Capture();
        var config = Config.Quick.WithMaxTest(maxTest).WithQuietOnSuccess(true).WithRunner(capture);

        // The first case that fails is the original counter-example; while shrinking, every candidate that still fails
        // becomes the current one, so the last failing case seen is the shrunk counter-example.
        var tried = 0;
        (T Case, string Problem)? first = null, last = null;
        FsCheck.Check.One(config, Prop.ForAll(cases, c =>
        {
            if (first is null)
            {
                tried++;
            }

            if (Describe(violation, c) is { } problem)
            {
                first ??= (c, problem);
                last = (c, problem);
                return false;
            }

            return true;
        }));
        if (!capture.Failed || first is not { } original || last is not { } shrunk)
        {
            return RuleCheckResult.Passed(property, Math.Max(tried, capture.Tests), exhaustive: false);
        }

        return RuleCheckResult.Failed(
            property, tried, exhaustive: false, $"{shrunk.Case}: {shrunk.Problem}", $"{original.Case}: {original.Problem}", capture.Shrinks);
    }

    // A rule set that throws on a generated case fails the property; the exception is the counter-example's story.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any exception is a violation to report.")]
    private static string? Describe<T>(Func<T, string?> violation, T c)
    {
        try
        {
            return violation(c);
        }
        catch (Exception e)
        {
            return $"threw {e.GetType().Name}: {e.Message}";
        }
    }

    private sealed class Capture : IRunner
    {
        public int Tests { get; private set; }

        public int Shrinks { get; private set; }

        public bool Failed { get; private set; }

        public void OnStartFixture(Type t)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
            Tests = ntest;
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
            Shrinks++;
        }

        public void OnFinished(string name, TestResult testResult)
        {
            Failed = testResult.IsFailed;
        }
    }
}
