using System.Numerics;
using HfPipelines.Audio;

namespace HfPipelines.Tests.Audio;

public sealed class MixedRadixFftTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(400)]
    [InlineData(512)]
    public void Transform_RandomSignal_MatchesNaiveDft(int size)
    {
        var random = new Random(size);
        var input = Enumerable.Range(0, size).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var output = new Complex[size];

        new MixedRadixFft(size).Transform(input, output);

        for (var k = 0; k < size; k++)
        {
            var expected = Complex.Zero;
            for (var t = 0; t < size; t++)
            {
                expected += input[t] * Complex.FromPolarCoordinates(1, -2 * Math.PI * k * t / size);
            }

            Assert.True((output[k] - expected).Magnitude < 1e-9, $"bin {k}: {output[k]} vs {expected}");
        }
    }
}
