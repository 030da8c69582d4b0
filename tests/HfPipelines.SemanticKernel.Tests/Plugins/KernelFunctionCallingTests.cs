using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel.Tests.Fakes;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace HfPipelines.SemanticKernel.Tests.Plugins;

/// <summary>The Semantic Kernel path: plugins registered on a kernel, a chat model calling them with automatic function choice.</summary>
public sealed class KernelFunctionCallingTests
{
    [Fact]
    public async Task InvokePromptAsync_AutoFunctionChoice_ModelCallsTranslatePlugin()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var chat = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("c1", "Language_translate", new() { ["text"] = "hello", ["targetLanguage"] = "fr" }),
            m => ScriptedChatClient.Answer($"Done: {ScriptedChatClient.LastResult(m).Contains("[fr] hello", StringComparison.Ordinal)}"));
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IPipelineProvider>(provider);
        builder.Services.AddSingleton(chat.AsBuilder().UseKernelFunctionInvocation().Build().AsChatCompletionService());
        builder.Plugins.AddHfPipelines(o => o.Tasks.Add("translation"));
        var kernel = builder.Build();

        var result = await kernel.InvokePromptAsync("Translate hello to French.", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));

        Assert.Equal("Done: True", result.ToString());
        var call = Assert.Single(provider.Get<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation).Calls);
        Assert.Equal(("hello", "fr"), (call.Input, call.Options!.TargetLanguage));
        Assert.Equal(["Language_translate"], chat.Options[0]!.Tools!.Select(t => t.Name).ToArray());
    }
}
