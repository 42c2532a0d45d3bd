namespace Crm.Rules.Tests.Support;

/// <summary>
/// How many cases each property checks (FsCheck.Xunit's own default is 100). Seeds are random per run; a failure prints
/// <c>Falsifiable, after N tests (k shrinks) (seed,gamma)</c> with the original and the shrunk case. To rerun exactly
/// those cases, put the pair on the property: <c>[Property(Replay = "seed,gamma")]</c>.
/// </summary>
internal static class PropertyRuns
{
    /// <summary>Cases per property.</summary>
    public const int MaxTest = 1_000;
}
