using Crm.Rules.Configuration;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Configuration;

[Properties(Arbitrary = [typeof(SharedArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class ConfigurationProperties
{
    [Property]
    public bool AnyValidConfigurationRoundTripsThroughJsonUnchanged(GradingModel model)
    {
        var options = model.Options();
        var original = CrmRuleSet.Compile(options);
        var json = CrmRulesJson.Serialize(options);
        var reread = CrmRulesJson.Parse(json);
        return CrmRulesJson.Serialize(reread) == json && CrmRuleSet.Compile(reread).Fingerprint == original.Fingerprint;
    }

    [Property]
    public bool ArbitraryJsonNeverMakesTheLoaderThrowAnythingButItsConfigurationException(JsonLikeText text)
    {
        try
        {
            CrmRulesJson.Parse(text.Text);
            return true;
        }
        catch (CrmRulesConfigurationException e)
        {
            return e.Errors.Count > 0 && e.Errors.All(x => x.Message.Length > 0);
        }
    }
}
