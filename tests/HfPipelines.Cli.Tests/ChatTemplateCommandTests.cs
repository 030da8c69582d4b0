namespace HfPipelines.Cli.Tests;

public sealed class ChatTemplateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hfp-cli-chat-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task ChatTemplate_TemplateFile_PrintsExactPrompt()
    {
        var template = Write("t.jinja", "{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}{% if add_generation_prompt %}[assistant]{% endif %}{{ tools | length if tools else '' }}{{ x }}");
        var messages = Write("m.json", """[{"role": "user", "content": "Hi\n"}]""");
        var tools = Write("tools.json", """[{"type": "function", "function": {"name": "f"}}]""");

        var (code, stdout, stderr) = await CliRunner.RunAsync("chat-template", "--template", template, "--messages", messages, "--tools", tools, "--add-generation-prompt", "--var", "x=7");

        Assert.Equal(string.Empty, stderr);
        Assert.Equal(0, code);
        Assert.Equal("[user]Hi\n[assistant]17", stdout);
    }

    [Fact]
    public async Task ChatTemplate_ModelFolder_UsesTemplateAndSpecialTokens()
    {
        Write("tokenizer_config.json", """{"chat_template": "{{ bos_token }}{{ messages[0].content }}{{ eos_token }}", "bos_token": "<s>", "eos_token": "</s>"}""");
        var messages = Write("m.json", """{"messages": [{"role": "user", "content": "yo"}]}""");

        var (code, stdout, _) = await CliRunner.RunAsync("chat-template", "--model", _folder, "--messages", messages);

        Assert.Equal(0, code);
        Assert.Equal("<s>yo</s>", stdout);
    }

    [Fact]
    public async Task ChatTemplate_TemplateRaises_ExitsOneWithTheMessage()
    {
        var template = Write("t.jinja", "{{ raise_exception('Only user messages') }}");
        var messages = Write("m.json", "[]");

        var (code, _, stderr) = await CliRunner.RunAsync("chat-template", "--template", template, "--messages", messages);

        Assert.Equal(1, code);
        Assert.Contains("Only user messages", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatTemplate_NeitherTemplateNorModel_ExitsOne()
    {
        var messages = Write("m.json", "[]");

        var (code, _, stderr) = await CliRunner.RunAsync("chat-template", "--messages", messages);

        Assert.Equal(1, code);
        Assert.Contains("--template FILE or --model FOLDER", stderr, StringComparison.Ordinal);
    }
}
