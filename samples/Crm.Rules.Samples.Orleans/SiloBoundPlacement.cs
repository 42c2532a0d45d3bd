using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Crm.Rules.Samples.Orleans;

/// <summary>
/// Places a grain on the silo its key names: the key is a silo's parsable address, optionally followed by '|' and a
/// suffix ("10.0.0.7:11111@4711|3"). One grain per silo is how the rules reach every silo, and how the batch's partitions
/// are spread over them.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SiloBoundPlacement : PlacementStrategy
{
    /// <summary>The strategy (it has no settings).</summary>
    public static SiloBoundPlacement Instance { get; } = new();

    /// <summary>The key of the grain of a silo, with an optional suffix.</summary>
    public static string KeyFor(SiloAddress silo, string? suffix = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return suffix is null ? silo.ToParsableString() : $"{silo.ToParsableString()}|{suffix}";
    }
}

/// <summary>Marks a grain class as placed by <see cref="SiloBoundPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloBoundPlacementAttribute() : PlacementAttribute(SiloBoundPlacement.Instance);

/// <summary>Finds the silo a key names among the compatible ones; fails when it is not (or no longer) in the cluster.</summary>
public sealed class SiloBoundPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString()!;
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        var wanted = bar < 0 ? key : key[..bar];
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silo.ToParsableString() == wanted)
            {
                return Task.FromResult(silo);
            }
        }

        throw new OrleansException($"Silo {wanted} is not an active silo of the cluster.");
    }
}
