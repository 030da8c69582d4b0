using System.Text.Json.Nodes;
using HfPipelines.Speech.Whisper;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperModelTests
{
    [Fact]
    public void ReadAlignmentHeads_Pairs_ReadInOrder()
    {
        var heads = WhisperModel.ReadAlignmentHeads(JsonNode.Parse("""{"alignment_heads": [[2, 2], [3, 0]]}""")!.AsObject());

        Assert.Equal([(2, 2), (3, 0)], heads);
    }

    [Fact]
    public void ReadAlignmentHeads_Absent_Empty()
    {
        Assert.Empty(WhisperModel.ReadAlignmentHeads(JsonNode.Parse("""{"max_length": 448}""")!.AsObject()));
        Assert.Empty(WhisperModel.ReadAlignmentHeads(null));
    }

    [Theory]
    [InlineData("""{"alignment_heads": [[1]]}""")]
    [InlineData("""{"alignment_heads": [[1, -2]]}""")]
    [InlineData("""{"alignment_heads": [["a", 0]]}""")]
    [InlineData("""{"alignment_heads": "2,2"}""")]
    public void ReadAlignmentHeads_Malformed_ModelLoadErrorNamingTheKey(string json)
    {
        var error = Assert.Throws<ModelLoadException>(() => WhisperModel.ReadAlignmentHeads(JsonNode.Parse(json)!.AsObject()));

        Assert.Contains("alignment_heads", error.Message);
    }
}
