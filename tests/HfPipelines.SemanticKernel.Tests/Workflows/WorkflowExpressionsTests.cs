using System.Text.Json.Nodes;
using HfPipelines.SemanticKernel.Workflows;

namespace HfPipelines.SemanticKernel.Tests.Workflows;

public sealed class WorkflowExpressionsTests
{
    private static readonly JsonObject Scope = JsonNode.Parse("""
        {"inputs":{"name":"Ada","n":"3"},"steps":{"z":{"output":{"labels":["sales","support"],"scores":[0.8,0.2]}}}}
        """)!.AsObject();

    [Theory]
    [InlineData("${{ steps.z.output.labels[0] == 'sales' }}", true)]
    [InlineData("steps.z.output.labels[0] != \"sales\"", false)]
    [InlineData("${{ steps.z.output.scores[0] > 0.5 }}", true)]
    [InlineData("${{ inputs.n >= 4 }}", false)]
    [InlineData("${{ steps.z.output.labels contains 'support' }}", true)]
    [InlineData("${{ inputs.name contains 'da' }}", true)]
    [InlineData("${{ steps.z.output.labels }}", true)]
    [InlineData("${{ false }}", false)]
    public void Condition_Expressions_Evaluate(string condition, bool expected)
    {
        Assert.Equal(expected, WorkflowExpressions.Condition(condition, Scope));
    }

    [Fact]
    public void Interpolate_WholeExpression_KeepsJsonType()
    {
        var node = WorkflowExpressions.Interpolate(" ${{ steps.z.output.labels }} ", Scope);

        Assert.Equal("""["sales","support"]""", node!.ToJsonString());
    }

    [Fact]
    public void Interpolate_Embedded_JoinsText()
    {
        var node = WorkflowExpressions.Interpolate("Hi ${{inputs.name}}, top: ${{ steps.z.output.labels[0] }}", Scope);

        Assert.Equal("Hi Ada, top: sales", node!.GetValue<string>());
    }

    [Fact]
    public void Interpolate_MissingIndex_SaysListLength()
    {
        var error = Assert.Throws<WorkflowReferenceException>(() => WorkflowExpressions.Interpolate("${{ steps.z.output.labels[5] }}", Scope));

        Assert.Equal("'steps.z.output.labels[5]' cannot be read: '5' is not in steps.z.output.labels (a list of 2).", error.Message);
    }
}
