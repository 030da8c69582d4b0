using HfPipelines.Testing;
using CsCheck;
using HfPipelines.SemanticKernel.Workflows;

namespace HfPipelines.SemanticKernel.Tests.Workflows;

/// <summary>Random text, YAML token soup and mutated real workflows: a definition or a typed workflow error, never anything else.</summary>
public class WorkflowParserFuzzTests
{
    // A fixed seed keeps every run (and CI) reproducible; HFP_FUZZ_RANDOM=1 explores with a new random seed per run

    private static readonly string[] Pieces =
    [
        "name: x\n", "inputs:\n", "steps:\n", "  - id: a\n", "    task: summarization\n", "    with:\n", "      text: ${{ inputs.t }}\n",
        "    if: ${{ steps.a.output.labels[0] == 'x' }}\n", "    foreach: ${{ inputs.files }}\n", "&anchor ", "*anchor", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "'", "\"",
        "${{", "}}", "!!binary ", "? ", "|\n", ">-\n", "\t", "#", "---\n", "...\n",
    ];

    private static void ParseOrFail(string yaml)
    {
        try
        {
            Assert.NotNull(WorkflowDefinition.Parse(yaml));
        }
        catch (Exception ex) when (ex is WorkflowFormatException or WorkflowValidationException or WorkflowReferenceException)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    [Fact]
    public void Parse_StrayTokenAfterDocument_TypedError()
    {
        // Found by the token soup: YamlDotNet threw InvalidOperationException ("The scanner should contain no more tokens").
        Gen.Int[0, Pieces.Length - 1].Array[0, 60].Select(indices => string.Concat(indices.Select(i => Pieces[i]))).Check(ParseOrFail, iter: 2000);
    }

    [Fact]
    public void Parse_RandomText_DefinitionOrTypedError() => Gen.String[0, 300].Check(ParseOrFail, iter: 2000);

    [Fact]
    public void Parse_YamlTokenSoup_DefinitionOrTypedError() =>
        Gen.Int[0, Pieces.Length - 1].Array[0, 60].Select(indices => string.Concat(indices.Select(i => Pieces[i]))).Check(ParseOrFail, iter: 2000);

    [Fact]
    public void Parse_MutatedRealWorkflow_DefinitionOrTypedError()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Plugins.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var real = File.ReadAllText(Path.Combine(root, "examples", "workflows", "meeting-report.yaml"));
        Gen.Select(Gen.Int[0, real.Length - 1], Gen.Int[0, 40], Gen.String[0, 20], (at, remove, insert) =>
            real[..at] + insert + real[Math.Min(real.Length, at + remove)..]).Check(ParseOrFail, iter: 1000);
    }
}
