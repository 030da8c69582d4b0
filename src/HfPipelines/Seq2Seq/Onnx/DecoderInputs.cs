using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>The named inputs of one decoder run: values made for the run (owned, disposed after it) and the kept cache
/// (borrowed from the session).</summary>
internal sealed class DecoderInputs
{
    private readonly List<OrtValue> _owned = [];

    public List<string> Names { get; } = [];

    public List<OrtValue> Values { get; } = [];

    public void AddOwned(string name, OrtValue value)
    {
        _owned.Add(value);
        Names.Add(name);
        Values.Add(value);
    }

    public void AddBorrowed(string name, OrtValue value)
    {
        Names.Add(name);
        Values.Add(value);
    }

    public void DisposeOwned()
    {
        foreach (var value in _owned)
        {
            value.Dispose();
        }

        _owned.Clear();
    }
}
