using System.Text.Json.Nodes;
using HfPipelines.ChatTemplates;
using HfPipelines.Testing;

namespace HfPipelines.Tests.ChatTemplates;

public sealed class ChatTemplateLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hfp-chat-template-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static JsonArray User() => [new JsonObject { ["role"] = "user", ["content"] = "hi" }];

    [Fact]
    public void FromModelFolder_TemplateString_RendersWithTokens()
    {
        Write("tokenizer_config.json", """{"chat_template": "{{ bos_token }}{{ messages[0].content }}{{ eos_token }}", "bos_token": {"content": "<s>", "__type": "AddedToken"}, "eos_token": "</s>"}""");

        var template = ChatTemplate.FromModelFolder(_folder);
        var options = ChatTemplateOptions.FromTokenizerConfig(Path.Combine(_folder, "tokenizer_config.json"));

        Assert.Null(template.Name);
        Assert.Equal("<s>hi</s>", template.Render(User(), options));
    }

    [Fact]
    public void FromModelFolder_NamedTemplates_PicksToolUseWhenToolsAreGiven()
    {
        Write("tokenizer_config.json", """{"chat_template": [{"name": "default", "template": "plain"}, {"name": "tool_use", "template": "tools:{{ tools | length }}"}, {"name": "rag", "template": "rag"}]}""");

        var template = ChatTemplate.FromModelFolder(_folder);

        Assert.Equal("default", template.Name);
        Assert.Equal("plain", template.Render(User()));
        Assert.Equal("tools:1", template.Render(User(), new ChatTemplateOptions { Tools = [new JsonObject { ["type"] = "function" }] }));
        Assert.Equal("rag", ChatTemplate.FromModelFolder(_folder, "rag").Render(User()));
    }

    [Fact]
    public void FromModelFolder_UnknownName_ListsTheChoices()
    {
        Write("tokenizer_config.json", """{"chat_template": [{"name": "default", "template": "a"}, {"name": "rag", "template": "b"}]}""");

        var ex = Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromModelFolder(_folder, "tool_use"));

        Assert.Contains("default, rag", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromModelFolder_JinjaFile_TakesPrecedence()
    {
        Write("tokenizer_config.json", """{"chat_template": "from config"}""");
        Write("chat_template.jinja", "from jinja file");

        Assert.Equal("from jinja file", ChatTemplate.FromModelFolder(_folder).Render([]));
    }

    [Fact]
    public void FromModelFolder_ChatTemplateJson_IsRead()
    {
        Write("tokenizer_config.json", """{"eos_token": "</s>"}""");
        Write("chat_template.json", """{"chat_template": "from json"}""");

        Assert.Equal("from json", ChatTemplate.FromModelFolder(_folder).Render([]));
    }

    [Fact]
    public void FromModelFolder_NoTemplate_Throws()
    {
        Write("tokenizer_config.json", """{"eos_token": "</s>"}""");

        var ex = Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromModelFolder(_folder));

        Assert.Contains("No chat template", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTokenizerConfig_SkipsNullAndEmptyTokens()
    {
        var options = ChatTemplateOptions.FromTokenizerConfig(new JsonObject { ["bos_token"] = null, ["eos_token"] = "<|im_end|>", ["pad_token"] = "" });

        Assert.Equal(["eos_token"], options.Variables.Keys);
    }

    [FixtureFact("tokenizers/qwen2.5/tokenizer_config.json")]
    public void FromModelFolder_Qwen25_RendersChatMl()
    {
        var folder = TestFixtures.PathOf("tokenizers/qwen2.5");
        var template = ChatTemplate.FromModelFolder(folder);
        var options = ChatTemplateOptions.FromTokenizerConfig(Path.Combine(folder, "tokenizer_config.json"));
        options.AddGenerationPrompt = true;

        var prompt = template.Render(User(), options);

        Assert.Equal("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }
}
