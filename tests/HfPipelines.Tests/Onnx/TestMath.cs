namespace HfPipelines.Tests.Onnx;

/// <summary>Reference math for expected values (double precision).</summary>
internal static class TestMath
{
    public static double[] Softmax(params double[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    public static double Cosine(double[] a, double[] b) =>
        a.Zip(b, (x, y) => x * y).Sum() / (Math.Sqrt(a.Sum(x => x * x)) * Math.Sqrt(b.Sum(x => x * x)));
}
