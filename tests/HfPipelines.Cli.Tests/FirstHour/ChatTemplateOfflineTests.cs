using System.Text.Json;
using HfPipelines.ChatTemplates;
using HfPipelines.Testing;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Tests.FirstHour;

/// <summary>Issue 20, item 3: chat shown offline on a fixture GGUF that has no chat template, with --chat-template.</summary>
public sealed class ChatTemplateOfflineTests
{
    private const string Stories = "gguf/stories260K/stories260K.gguf";

    [FixtureFact(Stories)]
    public async Task TextGeneration_ChatTemplateChatml_AnswersAsOneUserTurn()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(
            "text-generation", "--model", TestFixtures.PathOf(Stories), "--chat-template", "chatml", "Hello", "--max-new-tokens", "4", "--threads", "1", "--json");

        Assert.True(code == 0, stderr);
        var turns = JsonDocument.Parse(stdout).RootElement[0].GetProperty("generated_text");
        Assert.Equal("user", turns[0].GetProperty("role").GetString());
        Assert.Equal("Hello", turns[0].GetProperty("content").GetString());
        Assert.Equal("assistant", turns[1].GetProperty("role").GetString());
        Assert.NotEmpty(turns[1].GetProperty("content").GetString()!);
    }

    [FixtureFact(Stories)]
    public async Task TextGeneration_ChatTemplateFile_ReadsTheJinjaFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hfp-template-{Guid.NewGuid():N}.jinja");
        await File.WriteAllTextAsync(file, "{% for m in messages %}Q: {{ m.content }}\n{% endfor %}A:");
        try
        {
            var (code, stdout, stderr) = await CliRunner.RunAsync(
                "text-generation", "--model", TestFixtures.PathOf(Stories), "--chat-template", file, "Once upon a time", "--max-new-tokens", "3", "--threads", "1");
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain("Once upon a time", stdout); // the reply only, not the prompt
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TextGeneration_UnknownChatTemplate_OneLineListsTheNames()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("text-generation", "--model", "/no/such.gguf", "--chat-template", "chatlm", "hi");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("hfp: Chat template 'chatlm' is neither a file nor a known name. Pass a Jinja file, or one of: chatml, llama3, phi3.", stderr.TrimEnd());
    }

    [Fact]
    public async Task Chat_ChatTemplateName_PassesTheTemplateTextToTheModel()
    {
        string? received = null;
        var context = new CliContext(new StringWriter(), new StringWriter())
        {
            PipelineProviderFactory = () => new CliFakeProvider(),
            ChatClientFactory = (_, _, template, _) =>
            {
                received = template;
                return Task.FromResult<IChatClient>(new CliScriptedChatClient(_ => CliScriptedChatClient.Answer("hi")));
            },
        };

        var code = await CliApp.RunAsync(["chat", "--model", "x.gguf", "--chat-template", "llama3", "--prompt", "hello"], context);

        Assert.Equal(0, code);
        Assert.True(KnownChatTemplates.TryGet("llama3", out var llama3));
        Assert.Equal(llama3, received);
        Assert.Contains("<|start_header_id|>", received);
    }

    [FixtureFact(Stories)]
    public async Task Chat_FixtureGgufWithoutTemplate_SaysHowToPassOne()
    {
        var context = new CliContext(new StringWriter(), new StringWriter())
        {
            PipelineProviderFactory = () => new CliFakeProvider(),
            ChatClientFactory = Composition.HfpServices.CreateChatClientAsync,
        };
        var stderr = (StringWriter)context.Error;

        var code = await CliApp.RunAsync(["chat", "--model", TestFixtures.PathOf(Stories), "--prompt", "hello"], context);

        Assert.Equal(1, code);
        Assert.Contains("--chat-template FILE|chatml|llama3|phi3", stderr.ToString());
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task WorkflowRun_ChatTemplate_PassesTheTemplateTextToTheModel()
    {
        var yaml = Path.Combine(Path.GetTempPath(), $"hfp-wf-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(yaml, "steps:\n  - id: s\n    task: summarization\n    with:\n      text: hello\n");
        string? received = null;
        var context = new CliContext(new StringWriter(), new StringWriter())
        {
            PipelineProviderFactory = () => new CliFakeProvider(),
            ChatClientFactory = (_, _, template, _) =>
            {
                received = template;
                return Task.FromResult<IChatClient>(new CliScriptedChatClient(_ => CliScriptedChatClient.Answer("hi")));
            },
        };
        try
        {
            var code = await CliApp.RunAsync(["workflow", "run", yaml, "--model", "x.gguf", "--chat-template", "phi3"], context);

            Assert.True(code == 0, context.Error.ToString());
            Assert.True(KnownChatTemplates.TryGet("phi3", out var phi3));
            Assert.Equal(phi3, received);
        }
        finally
        {
            File.Delete(yaml);
        }
    }

    [Fact]
    public void ServeConfig_ChatTemplateField_SetsTheTemplateOrNamesTheProblem()
    {
        var options = new HfPipelines.Cli.Serve.ServeOptions();
        HfPipelines.Cli.Serve.ServeConfig.Apply("""{"models": [{"task": "text-generation", "model": "x.gguf"}], "chatTemplate": "chatml"}""", "models.json", options);
        Assert.Equal("chatml", options.ChatTemplate);

        var ex = Assert.Throws<HfPipelinesException>(() => HfPipelines.Cli.Serve.ServeConfig.Apply("""{"models": [{"task": "text-generation", "model": "x.gguf"}], "chatTemplate": 3}""", "models.json", new HfPipelines.Cli.Serve.ServeOptions()));
        Assert.Equal("models.json: chatTemplate must be a Jinja file or a template name (chatml, llama3, phi3).", ex.Message);
    }

    [Fact]
    public void KnownChatTemplates_EveryName_ParsesAndRendersAUserTurn()
    {
        foreach (var name in KnownChatTemplates.Names)
        {
            var template = ChatTemplate.Parse(KnownChatTemplates.Resolve(name));
            var options = new ChatTemplateOptions { AddGenerationPrompt = true };
            options.Variables["bos_token"] = "<s>";
            options.Variables["eos_token"] = "</s>";
            var prompt = template.Render(new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["role"] = "user", ["content"] = "Bonjour" }), options);
            Assert.Contains("Bonjour", prompt);
        }
    }
}
