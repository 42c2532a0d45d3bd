using System.Reflection;
using System.Runtime.CompilerServices;

namespace Crm.Rules.Tests.Spine;

/// <summary>Every result type prints something a person can read, not a type name or a compiler's property dump.</summary>
public class ResultTextTests
{
    [Fact]
    public void EveryResultTypeDeclaresItsOwnToString()
    {
        // The testing package's cases and results are what a failed property prints: they need readable text too.
        var missing = typeof(CrmRuleSet).Assembly.GetExportedTypes().Concat(typeof(RuleCheckResult).Assembly.GetExportedTypes())
            .Where(IsResultType)
            // inherit: false — a record deriving from a record overrides a compiler-generated ToString; only its own counts.
            .Where(t => t.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not { } m
                || m.DeclaringType != t || m.GetCustomAttribute<CompilerGeneratedAttribute>(inherit: false) is not null)
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    // Inputs a caller builds keep the compiler's record text (every field, by name); compiled parts of a rule set are
    // not results either.
    private static readonly HashSet<string> NotResults =
    [
        "CadenceCustomer", "CadenceFacts", "ContactRecord", "CustomerEvent", "ChurnFacts", "Demand", "StageEntry",
        "GradeApprovalPolicy", "LeadCriterion", "LeadLabel", "ScoreBand",
    ];

    // Results are the records and value types the families return; options, rules, evaluators and exceptions are not.
    private static bool IsResultType(Type t)
        => !NotResults.Contains(t.Name) && (IsRecord(t) || IsRecordStruct(t));

    private static bool IsRecord(Type t)
        => !t.IsEnum && !t.IsInterface && !t.IsAbstract
           && t.Namespace is { } ns && ns.StartsWith("Crm.Rules.", StringComparison.Ordinal) && !ns.StartsWith("Crm.Rules.Configuration", StringComparison.Ordinal)
           && !ns.StartsWith("Crm.Rules.DependencyInjection", StringComparison.Ordinal)
           && !t.Name.EndsWith("Options", StringComparison.Ordinal) && !t.Name.EndsWith("Rules", StringComparison.Ordinal)
           && !typeof(Exception).IsAssignableFrom(t)
           && t.GetMethod("<Clone>$") is not null;

    private static bool IsRecordStruct(Type t)
        => t.IsValueType && !t.IsEnum && t.Namespace?.StartsWith("Crm.Rules.", StringComparison.Ordinal) == true
           && t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
}

public class ResultTextExamples
{
    private static readonly CrmRuleSet Seed = CrmRuleSet.SeedStandard;

    [Fact]
    public void ResultsReadAsSentences()
    {
        var asOf = new NodaTime.LocalDate(2026, 11, 23);
        var plan = Seed.Cadence.Plan(new Crm.Rules.Cadence.CadenceCustomer("c1") { Grade = "B", LastContact = asOf.PlusDays(-70) }, asOf);
        var overdue = Seed.Cadence.Plan(new Crm.Rules.Cadence.CadenceCustomer("c2") { Grade = "A", LastContact = asOf.PlusDays(-40) }, asOf);
        Assert.StartsWith("c2: due 2026-11-14 (9 days overdue) by salesDirector via visit; grade A: every month", overdue.ToString(), StringComparison.Ordinal);
        Assert.Equal("c1: due 2026-12-14 by salesManager via phone; grade B: every 3 months after the last contact on 2026-09-14; also survey due 2026-11-23: grade B: no survey yet", plan.ToString());
        Assert.Equal("NPS 0 (2 promoters, 2 passives, 2 detractors)", Seed.Satisfaction.Nps([10, 9, 8, 7, 6, 3]).ToString());
        Assert.Equal("every P1M via visit, deepTalk by salesDirector, dedicatedAdvisor; respond within 24:00 (24x7)", Seed.ValueGrading.Grades[0].Treatment.ToString());
        Assert.Equal("lead → prospect: 1 of 2 (0.5)", new Crm.Rules.Lifecycle.StageConversion("lead", "prospect", 2, 1).ToString());
    }
}
