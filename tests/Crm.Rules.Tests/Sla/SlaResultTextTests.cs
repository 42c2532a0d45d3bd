using System.Text.Json;
using Crm.Rules.Sla;
using static Crm.Rules.Tests.Sla.SlaFixtures;

namespace Crm.Rules.Tests.Sla;

public class SlaResultTextTests
{
    private static readonly SlaRules Seed = CrmRuleSet.SeedStandard.Sla;
    private static readonly JsonSerializerOptions WithEnumConverter = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private static readonly SlaPolicy Crisis = Seed.FindPolicy("crisis-first-response")!; // 4 h on 24x7

    [Theory]
    [InlineData(SlaStatus.Running, "running")]
    [InlineData(SlaStatus.Paused, "paused")]
    [InlineData(SlaStatus.Warning, "warning")]
    [InlineData(SlaStatus.Breached, "breached")]
    [InlineData(SlaStatus.Met, "met")]
    [InlineData(SlaStatus.MetLate, "met-late")]
    public void Status_HasOneText_ForOutputAndJson(SlaStatus status, string text)
    {
        Assert.Equal(text, status.ToText());
        Assert.True(SlaStatusText.TryParse(text, out var parsed));
        Assert.Equal(status, parsed);

        // No converter registered: the enum carries its own, so a host's JSON says what the CLI prints.
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(status));
        Assert.Equal(status, JsonSerializer.Deserialize<SlaStatus>($"\"{text}\""));

        // A host that registers the string-enum converter (it wins over the type's) writes the same words.
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(status, WithEnumConverter));
    }

    [Fact]
    public void Status_EveryValueHasAText()
        => Assert.All(Enum.GetValues<SlaStatus>(), s => Assert.Matches("^[a-z-]+$", s.ToText()));

    [Fact]
    public void Status_UnknownTextOrValue_IsRefused()
    {
        Assert.False(SlaStatusText.TryParse("MetLate", out _));
        var json = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SlaStatus>("\"late\""));
        Assert.Equal("'late' is not an SLA status (running, paused, warning, breached, met, met-late)", json.Message);
        var value = Assert.Throws<ArgumentOutOfRangeException>(() => ((SlaStatus)42).ToText());
        Assert.Equal("status", value.ParamName);
    }

    [Fact]
    public void Assessment_ToString_IsOneReadableLine()
    {
        var breached = Seed.Evaluate(SlaClock.Start(Crisis, At("2026-11-23T09:00:00Z")), At("2026-11-23T14:00:00Z"));
        Assert.Equal(
            $"crisis-first-response on 24x7: breached as of 2026-11-23T14:00:00Z; deadline 2026-11-23T13:00:00Z, elapsed PT5H of PT4H, remaining -PT1H; rule set {Seed.Fingerprint}",
            breached.ToString());

        var warning = Seed.Evaluate(SlaClock.Start(Crisis, At("2026-11-23T09:00:00Z")), At("2026-11-23T12:00:00Z"));
        Assert.Equal(
            $"crisis-first-response on 24x7: warning (0.75 of the target elapsed) as of 2026-11-23T12:00:00Z; deadline 2026-11-23T13:00:00Z, elapsed PT3H of PT4H, remaining PT1H; rule set {Seed.Fingerprint}",
            warning.ToString());

        var paused = Seed.Evaluate(SlaClock.Start(Crisis, At("2026-11-23T09:00:00Z")).Pause(At("2026-11-23T10:00:00Z")), At("2026-11-23T10:30:00Z"));
        Assert.Equal(
            $"crisis-first-response on 24x7: paused as of 2026-11-23T10:30:00Z; deadline 2026-11-23T13:30:00Z, elapsed PT1H of PT4H, remaining PT3H, paused PT30M; rule set {Seed.Fingerprint}",
            paused.ToString());
    }

    [Fact]
    public void Clock_PauseAndRetarget_ToString()
    {
        var clock = SlaClock.Start(Crisis, At("2026-11-23T09:00:00Z"))
            .Pause(At("2026-11-23T10:00:00Z")).Resume(At("2026-11-23T11:00:00Z"))
            .Retarget(Seed.FindPolicy("technical-diagnosis")!, At("2026-11-23T11:30:00Z"))
            .Pause(At("2026-11-23T12:00:00Z"));

        Assert.Equal("2026-11-23T10:00:00Z/2026-11-23T11:00:00Z", clock.Pauses[0].ToString());
        Assert.Equal("2026-11-23T12:00:00Z (open)", clock.Pauses[1].ToString());
        Assert.Equal("to 'technical-diagnosis' at 2026-11-23T11:30:00Z", clock.Retargets[0].ToString());
        Assert.Equal(
            "'crisis-first-response' clock from 2026-11-23T09:00:00Z, pauses [2026-11-23T10:00:00Z/2026-11-23T11:00:00Z, 2026-11-23T12:00:00Z (open)], re-targeted to 'technical-diagnosis' at 2026-11-23T11:30:00Z",
            clock.ToString());
        Assert.Equal(
            "'crisis-first-response' clock from 2026-11-23T09:00:00Z, stopped at 2026-11-23T09:30:00Z",
            SlaClock.Start(Crisis, At("2026-11-23T09:00:00Z")).Stop(At("2026-11-23T09:30:00Z")).ToString());
    }

    [Fact]
    public void Calendar_ToString_IsItsNameAndZone()
    {
        Assert.Equal("business (Asia/Shanghai)", Seed.FindCalendar("business")!.ToString());
        Assert.Equal("24x7 (UTC)", BusinessCalendar.AlwaysOpen.ToString());
    }
}
