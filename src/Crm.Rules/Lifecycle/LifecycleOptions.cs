namespace Crm.Rules.Lifecycle;

/// <summary>Settings of lifecycle and sales-funnel state machines (RULES.md LIFE-1 … LIFE-5, GRADE-6).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class LifecycleOptions
{
    /// <summary>The state machines keyed by name.</summary>
    /// <value><c>funnel</c> (LIFE-3), <c>lifecycle</c> (LIFE-1) and <c>ageStages</c> (LIFE-2).</value>
    public Dictionary<string, StateMachineOptions> Machines { get; set; } = SeedStandardLifecycle.Machines();

    /// <summary>Key-account promotion and demotion (GRADE-6).</summary>
    public KeyAccountOptions KeyAccounts { get; set; } = new();
}

/// <summary>One state machine: stages in order, the facts its guards read, and its transitions.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class StateMachineOptions
{
    /// <summary>The stages in their natural order; the first is where a record starts.</summary>
    public List<string> Stages { get; set; } = [];

    /// <summary>The facts guards may read, with their kind: <c>number</c> or <c>boolean</c>.</summary>
    public Dictionary<string, string> Facts { get; set; } = [];

    /// <summary>The transitions. Moving forward past a stage or backwards is possible only through a transition that says so.</summary>
    public List<TransitionOptions> Transitions { get; set; } = [];
}

/// <summary>One transition and its guards.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class TransitionOptions
{
    /// <summary>The stage it leaves, or <c>*</c> for every stage of the machine other than <see cref="To"/>.</summary>
    public string From { get; set; } = "";

    /// <summary>The stage it enters.</summary>
    public string To { get; set; } = "";

    /// <summary>Guards that must all pass.</summary>
    public List<GuardOptions> Guards { get; set; } = [];

    /// <summary>
    /// <c>exit</c> marks a transition that is never proposed, only applied on request (lost, churned);
    /// <c>skip</c> and <c>back</c> declare a move past a stage or backwards; <c>next</c> (default) is the next stage.
    /// </summary>
    public string Kind { get; set; } = "next";
}

/// <summary>A guard over one fact, or a choice between guards.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class GuardOptions
{
    /// <summary>The fact it reads.</summary>
    public string? Fact { get; set; }

    /// <summary>For a number: the lowest value that passes.</summary>
    public decimal? AtLeast { get; set; }

    /// <summary>For a number: the highest value that passes.</summary>
    public decimal? AtMost { get; set; }

    /// <summary>For a boolean: the value that passes.</summary>
    public bool? Is { get; set; }

    /// <summary>Alternatives: the guard passes when any of them passes (and <see cref="Fact"/> is left out).</summary>
    public List<GuardOptions>? AnyOf { get; set; }
}

/// <summary>Key-account promotion and demotion (GRADE-6).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class KeyAccountOptions
{
    /// <summary>Purchase growth (as a fraction) within the window that promotes a potential customer to key account.</summary>
    /// <value>0.50.</value>
    public decimal PromoteAtGrowth { get; set; } = 0.50m;

    /// <summary>The window of the growth, in months.</summary>
    /// <value>6.</value>
    public int GrowthWindowMonths { get; set; } = 6;

    /// <summary>Consecutive reviews below target that demote a key account ("persistently": the seeds give no number).</summary>
    /// <value>2 quarters.</value>
    public int DemoteAfterMissedReviews { get; set; } = 2;
}

/// <summary>The seed standard's machines in one place.</summary>
internal static class SeedStandardLifecycle
{
    private static GuardOptions AtLeast(string fact, decimal value) => new() { Fact = fact, AtLeast = value };

    private static GuardOptions AtMost(string fact, decimal value) => new() { Fact = fact, AtMost = value };

    private static GuardOptions Is(string fact) => new() { Fact = fact, Is = true };

    private static TransitionOptions T(string from, string to, string kind = "next", params GuardOptions[] guards) => new() { From = from, To = to, Kind = kind, Guards = [.. guards] };

    public static Dictionary<string, StateMachineOptions> Machines() => new()
    {
        // LIFE-3: lead → prospect → intent → negotiation → won → repeat; lost from any open stage.
        ["funnel"] = new()
        {
            Stages = ["lead", "prospect", "intent", "negotiation", "won", "repeat", "lost"],
            Facts = new()
            {
                ["leadScore"] = "number", ["needClear"] = "boolean", ["budgetConfirmed"] = "boolean", ["authorityClear"] = "boolean",
                ["quoteSent"] = "boolean", ["contractSigned"] = "boolean", ["purchaseCount"] = "number",
            },
            Transitions =
            [
                T("lead", "prospect", "next", AtLeast("leadScore", 5)),
                T("prospect", "intent", "next", Is("needClear"), Is("budgetConfirmed"), Is("authorityClear")),
                T("intent", "negotiation", "next", Is("quoteSent")),
                T("negotiation", "won", "next", Is("contractSigned")),
                T("won", "repeat", "next", AtLeast("purchaseCount", 2)),
                T("lead", "lost", "exit"), T("prospect", "lost", "exit"), T("intent", "lost", "exit"), T("negotiation", "lost", "exit"),
            ],
        },

        // LIFE-1: acquisition → growth → maturity → decline, plus churned and won back.
        ["lifecycle"] = new()
        {
            Stages = ["acquisition", "growth", "maturity", "decline", "churned", "wonBack"],
            Facts = new()
            {
                ["firstDealDone"] = "boolean", ["repeatPurchasesWithin6Months"] = "number", ["yearsOfBusiness"] = "number",
                ["yearlyAmountStable"] = "boolean", ["amountChange"] = "number", ["renewalRefused"] = "boolean",
                ["churned"] = "boolean", ["purchasedAgain"] = "boolean",
            },
            Transitions =
            [
                T("acquisition", "growth", "next", Is("firstDealDone")),
                T("growth", "maturity", "next", AtLeast("repeatPurchasesWithin6Months", 2), AtLeast("yearsOfBusiness", 2), Is("yearlyAmountStable")),
                T("maturity", "decline", "next", new GuardOptions { AnyOf = [AtMost("amountChange", -0.30m), Is("renewalRefused")] }),
                T("growth", "decline", "skip", new GuardOptions { AnyOf = [AtMost("amountChange", -0.30m), Is("renewalRefused")] }),
                T("decline", "maturity", "back", AtLeast("amountChange", 0m), new GuardOptions { Fact = "renewalRefused", Is = false }),
                T("decline", "churned", "next", Is("churned")),
                T("churned", "wonBack", "next", Is("purchasedAgain")),
                T("wonBack", "growth", "back", Is("firstDealDone")),
            ],
        },

        // LIFE-2: age-based stages, an alternative to LIFE-1.
        ["ageStages"] = new()
        {
            Stages = ["new", "growing", "mature", "churnRisk"],
            Facts = new() { ["daysSinceFirstPurchase"] = "number", ["activityRising"] = "boolean", ["stableRepeatPurchases"] = "boolean", ["daysSinceLastActivity"] = "number" },
            Transitions =
            [
                T("new", "growing", "next", AtLeast("daysSinceFirstPurchase", 90), Is("activityRising")),
                T("growing", "mature", "next", AtLeast("daysSinceFirstPurchase", 366), Is("stableRepeatPurchases")),
                T("*", "churnRisk", "skip", AtLeast("daysSinceLastActivity", 90)),
                T("churnRisk", "growing", "back", AtMost("daysSinceLastActivity", 89)),
            ],
        },
    };
}
