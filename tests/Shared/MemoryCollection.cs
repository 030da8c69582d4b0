namespace HfPipelines.Testing;

/// <summary>Tests that measure the process's memory run in this collection: alone, after every parallel test has finished.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory measurements";
}
