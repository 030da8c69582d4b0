namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>A dense float tensor kept in managed memory, with row (first-dimension) gathering for beam search.</summary>
internal sealed record FloatTensor(float[] Data, int[] Dimensions)
{
    public int Rows => Dimensions[0];

    public int RowSize => Rows == 0 ? 0 : Data.Length / Rows;

    public FloatTensor Gather(IReadOnlyList<int> rows)
    {
        var size = RowSize;
        var data = new float[rows.Count * size];
        for (var i = 0; i < rows.Count; i++)
        {
            Array.Copy(Data, rows[i] * size, data, i * size, size);
        }

        var dims = (int[])Dimensions.Clone();
        dims[0] = rows.Count;
        return new FloatTensor(data, dims);
    }
}
