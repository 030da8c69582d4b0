using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using HfPipelines.Composition;

namespace HfPipelines.SemanticKernel.Tests;

public sealed class HfPipelinesServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddHfPipelines_KernelBuilder_KernelHasPluginsUsingRegisteredProvider()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IPipelineProvider>(provider);
        builder.Plugins.AddHfPipelines(o => o.Models["summarization"] = "sshleifer/distilbart-cnn-6-6");

        var kernel = builder.Build();
        var result = await kernel.InvokeAsync("Language", "summarize", new KernelArguments { ["text"] = "long text" });

        Assert.Equal(["Classification", "Language", "Generation", "Vision", "Speech"], kernel.Plugins.Select(p => p.Name).ToArray());
        Assert.Equal("summary of: long text", result.GetValue<HfPipelines.Tasks.SummarizationResult>()!.SummaryText);
        Assert.Equal([("summarization", (string?)"sshleifer/distilbart-cnn-6-6")], provider.Requests);
    }

    [Fact]
    public void Create_ServiceProvider_UsesRegisteredOptions()
    {
        var services = new ServiceCollection()
            .AddSingleton<IPipelineProvider>(new FakePipelineProvider())
            .AddHfPipelines(o => o.Tasks.Add("ner"))
            .BuildServiceProvider();

        var functions = HfPipelinesAIFunctions.Create(services);

        Assert.Equal(["Classification_find_entities"], functions.Select(f => f.Name).ToArray());
    }

    [Fact]
    public async Task AddHfPipelines_NoProvider_RegistersTheDefaultFromTheOptions()
    {
        using var local = new ServiceCollection().AddHfPipelines(o => o.FallbackPolicy = "local-only").BuildServiceProvider();
        using var remote = new ServiceCollection().AddHfPipelines(o => o.Backend = "remote").BuildServiceProvider();

        Assert.IsType<PipelineProvider>(local.GetRequiredService<IPipelineProvider>());
        var remotePipeline = await remote.GetRequiredService<IPipelineProvider>().GetSummarizationAsync("org/model");
        Assert.IsType<HfPipelines.Fallback.FallbackPipeline<string, HfPipelines.Tasks.SummarizationOptions, HfPipelines.Tasks.SummarizationResult>>(remotePipeline);
        Assert.IsNotType<PipelineProvider>(remote.GetRequiredService<IPipelineProvider>());
        Assert.Equal(5, local.GetServices<KernelPlugin>().Count());
    }

    [Fact]
    public void AddHfPipelines_ProviderRegisteredAfterwards_Wins()
    {
        var fake = new FakePipelineProvider();
        using var services = new ServiceCollection().AddHfPipelines().AddSingleton<IPipelineProvider>(fake).BuildServiceProvider();

        Assert.Same(fake, services.GetRequiredService<IPipelineProvider>());
    }

    [Theory]
    [InlineData("cloud", null)]
    [InlineData(null, "sometimes")]
    public void AddHfPipelines_BadBackendOrPolicy_ThrowsNamingTheChoices(string? backend, string? policy)
    {
        var error = Assert.Throws<HfPipelinesException>(() => new ServiceCollection().AddHfPipelines(o =>
        {
            o.Backend = backend;
            o.FallbackPolicy = policy;
        }));

        Assert.Contains(backend is null ? "local-then-remote" : "local, remote or auto", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHfPipelines_UnknownTask_ThrowsAtRegistration()
    {
        Assert.Throws<UnknownTaskException>(() => new ServiceCollection().AddHfPipelines(o => o.Tasks.Add("telepathy")));
    }

    [Fact]
    public void AddHfPipelines_CalledTwice_Throws()
    {
        var services = new ServiceCollection().AddHfPipelines();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddHfPipelines());

        Assert.Contains("already called", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHfPipelines_ResolvedTwice_SharesOnePluginSet()
    {
        var services = new ServiceCollection()
            .AddSingleton<IPipelineProvider>(new FakePipelineProvider())
            .AddHfPipelines()
            .BuildServiceProvider();

        var first = services.GetServices<KernelPlugin>().ToList();
        var second = services.GetServices<KernelPlugin>().ToList();

        Assert.Equal(5, first.Count);
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));
    }
}
