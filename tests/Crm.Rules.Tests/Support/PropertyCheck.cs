using System.Runtime.CompilerServices;
using FsCheck;
using Xunit.Sdk;

namespace Crm.Rules.Tests.Support;

/// <summary>
/// Runs an FsCheck property inside an xunit fact (FsCheck.Xunit is not available here) with at least 1,000 cases and
/// a fixed, reported seed: the seed comes from CRM_RULES_PROPERTY_SEED ("seed,gamma") when set, otherwise from the
/// test's name, so a failure replays exactly.
/// </summary>
internal static class PropertyCheck
{
    public const int Cases = 1_000;

    public static void Run(Property property, int cases = Cases, [CallerMemberName] string name = "")
    {
        var (seed, gamma) = Seed(name);
        var config = Config.QuickThrowOnFailure.WithMaxTest(Math.Max(cases, Cases)).WithReplay(seed, gamma).WithName(name).WithQuietOnSuccess(true);
        try
        {
            Check.One(config, property);
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"Property '{name}' failed; replay with CRM_RULES_PROPERTY_SEED={seed},{gamma}{Environment.NewLine}{e.Message}");
        }
    }

    private static (ulong Seed, ulong Gamma) Seed(string name)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CRM_RULES_PROPERTY_SEED");
        if (fromEnvironment?.Split(',') is [var s, var g] && ulong.TryParse(s, out var seed) && ulong.TryParse(g, out var gamma))
        {
            return (seed, gamma | 1);
        }

        // A stable hash of the name (string.GetHashCode is randomised per process).
        ulong hash = 14695981039346656037;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return (hash, (hash >> 7) | 1);
    }
}
