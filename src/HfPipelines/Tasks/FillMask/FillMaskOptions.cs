namespace HfPipelines.Tasks;

/// <summary>Options of fill-mask (transformers <c>FillMaskPipeline</c>).</summary>
public sealed class FillMaskOptions
{
    /// <summary>How many predictions per mask. Default 5.</summary>
    public int TopK { get; set; } = 5;

    /// <summary>Restrict predictions to these words. Null: the whole vocabulary.</summary>
    public IList<string>? Targets { get; set; }
}
