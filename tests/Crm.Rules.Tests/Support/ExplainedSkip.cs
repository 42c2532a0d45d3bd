using Xunit.Abstractions;
using Xunit.Sdk;

namespace Crm.Rules.Tests.Support;

/// <summary>
/// A test case whose name carries its skip reason when it is skipped. <c>dotnet test</c>'s console logger (minimal
/// verbosity) prints a skipped test's name but not the reason it was given, so without this a run without the real
/// data or a browser showed only "[SKIP]". <see cref="RealDataFactAttribute"/>, <see cref="BrowserFactAttribute"/> and
/// the package checks' theory use it through <see cref="ExplainedSkipFactDiscoverer"/> /
/// <see cref="ExplainedSkipTheoryDiscoverer"/>; a test that runs keeps its usual name.
/// </summary>
public sealed class ExplainedSkipTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes", error: true)]
    public ExplainedSkipTestCase()
    {
    }

    public ExplainedSkipTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override void Initialize()
    {
        base.Initialize();
        if (!string.IsNullOrEmpty(SkipReason))
        {
            DisplayName = $"{DisplayName} (skipped: {SkipReason})";
        }
    }
}

/// <summary>Discovers a fact as an <see cref="ExplainedSkipTestCase"/>.</summary>
public sealed class ExplainedSkipFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new ExplainedSkipTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

/// <summary>Discovers a skipped theory as one <see cref="ExplainedSkipTestCase"/>; a theory that runs as usual.</summary>
public sealed class ExplainedSkipTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForSkip(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, string skipReason) =>
        [new ExplainedSkipTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}
