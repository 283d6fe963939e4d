namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// The tests that run app instances on the wall clock (seconds-long rotations) run one at a time: on a loaded
/// machine, several at once would starve each other's timers. The store contract tests still run beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InstancesCollection
{
    public const string Name = "App instances on the wall clock";
}
