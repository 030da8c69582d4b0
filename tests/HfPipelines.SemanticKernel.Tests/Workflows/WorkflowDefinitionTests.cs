using System.Diagnostics;
using System.Text;
using HfPipelines.SemanticKernel.Workflows;

namespace HfPipelines.SemanticKernel.Tests.Workflows;

public sealed class WorkflowDefinitionTests
{
    [Fact]
    public void Parse_FullStep_ReadsEveryField()
    {
        const string yaml = """
            name: demo
            inputs:
              files:
                type: glob
                default: "*.wav"
            steps:
              - id: t
                foreach: ${{ inputs.files }}
                if: ${{ inputs.files }}
                task: asr
                with:
                  audio: ${{ item }}
                  labels: [a, b]
                output: { file: t.json, console: true }
            """;

        var definition = WorkflowDefinition.Parse(yaml, "/base");

        Assert.Equal("demo", definition.Name);
        Assert.Equal(new WorkflowInput("files", WorkflowInputType.Glob, "*.wav", null, 3), definition.Inputs.Single());
        var step = definition.Steps.Single();
        Assert.Equal(("t", WorkflowStepKind.Task, "asr", "t.json", true, 7), (step.Id, step.Kind, step.Target, step.OutputFile, step.OutputConsole, step.Line));
        Assert.Equal(["a", "b"], step.With[1].Items!);
        Assert.Equal("/base", definition.BaseDirectory);
    }

    [Fact]
    public void Parse_AliasBomb_RefusedQuickly()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 30; i++)
        {
            yaml.Append(CultureInfo(i)).Append('\n');
        }

        yaml.Append("steps: []\n");

        var error = Assert.Throws<WorkflowFormatException>(() => WorkflowDefinition.Parse(yaml.ToString()));

        Assert.Contains("aliases", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);

        static string CultureInfo(int i) => $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]";
    }

    [Fact]
    public void Parse_DeepNesting_RefusedWithDepthLimit()
    {
        var yaml = "steps: " + new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<WorkflowFormatException>(() => WorkflowDefinition.Parse(yaml));

        Assert.Contains("deeper than 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLarge_RefusedBeforeParsing()
    {
        var yaml = "steps: []\n#" + new string('x', WorkflowDefinition.MaxBytes);

        var error = Assert.Throws<WorkflowFormatException>(() => WorkflowDefinition.Parse(yaml));

        Assert.Contains("the limit is 1048576", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooLargeFile_RefusedBeforeReading()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, new string('#', WorkflowDefinition.MaxBytes + 1));

            var error = Assert.Throws<WorkflowFormatException>(() => WorkflowDefinition.Load(path));

            Assert.Contains($"{WorkflowDefinition.MaxBytes + 1} bytes", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("steps:\n  - id: a\n    task: asr\n   with: x\n", "not valid YAML (line 4)")]
    [InlineData("steps:\n  - id: a\n    task: asr\n    task: ner\n", "The key 'task' appears twice in the same mapping. Keep one. (line 4)")]
    [InlineData("steps:\n  - id: a\n    tsak: asr\n", "Unknown key 'tsak' in a step.")]
    [InlineData("steps:\n  - id: a\n    task: asr\n    prompt: p.md\n", "Step 'a' needs exactly one of 'task', 'prompt' or 'agent'. (line 2)")]
    [InlineData("name: x\n", "The workflow needs a 'steps' list. (line 1)")]
    [InlineData("", "The workflow file is empty.")]
    [InlineData("steps: []\n---\nsteps: []\n", "several YAML documents")]
    public void Parse_BadShape_TypedErrorWithLine(string yaml, string expected)
    {
        var error = Assert.Throws<WorkflowFormatException>(() => WorkflowDefinition.Parse(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var error = Assert.Throws<WorkflowFormatException>(() => WorkflowDefinition.Load("/nonexistent/flow.yaml"));

        Assert.Equal("The workflow file '/nonexistent/flow.yaml' does not exist.", error.Message);
    }
}
