using Xunit.Abstractions;
using Xunit.Sdk;

namespace Crm.Rules.Orleans.Tests.Support;

/// <summary>
/// A test case whose name carries its skip reason when it is skipped, as in the library's tests
/// (<c>tests/Crm.Rules.Tests/Support/ExplainedSkip.cs</c>): <c>dotnet test</c>'s console logger prints a skipped test's
/// name at its default verbosity, not the reason. <see cref="RedisFactAttribute"/> uses it.
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
