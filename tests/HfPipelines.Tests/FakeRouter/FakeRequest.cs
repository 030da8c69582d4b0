using System.Text;
using System.Text.Json;

namespace HfPipelines.Tests.FakeRouter;

/// <summary>One request the fake server received.</summary>
public sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
