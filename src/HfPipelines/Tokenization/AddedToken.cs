namespace HfPipelines.Tokenization;

/// <summary>A token added to the vocabulary (<c>added_tokens</c> of tokenizer.json), matched in the text before the model runs.</summary>
/// <param name="Content">The token text.</param>
/// <param name="Id">The token id.</param>
/// <param name="Special">A special token: left out when decoding with <c>skipSpecialTokens</c>.</param>
/// <param name="SingleWord">Match only when not inside a word.</param>
/// <param name="LStrip">The match takes the whitespace on its left.</param>
/// <param name="RStrip">The match takes the whitespace on its right.</param>
/// <param name="Normalized">Matched in the normalized text rather than the raw text.</param>
public sealed record AddedToken(string Content, int Id, bool Special, bool SingleWord = false, bool LStrip = false, bool RStrip = false, bool Normalized = false);
