namespace HfPipelines.Tokenization.Normalizers;

/// <summary>A Hugging Face normalizer: rewrites text while keeping the alignment to the original.</summary>
internal interface INormalizer
{
    NormalizedText Normalize(NormalizedText input);
}
