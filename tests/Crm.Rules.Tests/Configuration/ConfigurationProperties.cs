using Crm.Rules.Configuration;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Tests.Configuration;

public class ConfigurationProperties
{
    [Fact]
    public void AnyValidConfigurationRoundTripsThroughJsonUnchanged()
    {
        PropertyCheck.Run(Prop.ForAll(Arb.From(Generators.Options), options =>
        {
            var original = CrmRuleSet.Compile(options);
            var json = CrmRulesJson.Serialize(options);
            var reread = CrmRulesJson.Parse(json);
            return CrmRulesJson.Serialize(reread) == json && CrmRuleSet.Compile(reread).Fingerprint == original.Fingerprint;
        }));
    }

    [Fact]
    public void ArbitraryJsonNeverMakesTheLoaderThrowAnythingButItsConfigurationException()
    {
        PropertyCheck.Run(Prop.ForAll(Arb.From(Generators.JsonLikeText), text =>
        {
            try
            {
                CrmRulesJson.Parse(text);
                return true;
            }
            catch (CrmRulesConfigurationException e)
            {
                return e.Errors.Count > 0 && e.Errors.All(x => x.Message.Length > 0);
            }
        }));
    }
}
