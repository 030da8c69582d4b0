using HfPipelines.Hub;

namespace HfPipelines.Tests.Hub;

public class HubOptionsTests
{
    [Fact]
    public void FromVariables_HfVariables_Honoured()
    {
        var vars = new Dictionary<string, string>
        {
            ["HF_HOME"] = "/data/hf",
            ["HF_HUB_CACHE"] = "/data/cache",
            ["HF_HUB_OFFLINE"] = "1",
            ["HF_TOKEN"] = "hf_abc",
            ["HF_ENDPOINT"] = "https://mirror.example/",
        };

        var options = HubOptions.FromVariables(vars.GetValueOrDefault);

        Assert.Equal("/data/hf", options.HfHome);
        Assert.Equal("/data/cache", options.CacheDirectory);
        Assert.True(options.Offline);
        Assert.Equal("hf_abc", options.Token);
        Assert.Equal(new Uri("https://mirror.example"), options.Endpoint);
    }

    [Fact]
    public void FromVariables_Defaults_LikeHuggingfaceHub()
    {
        var home = Path.Combine(Path.GetTempPath(), "hfp-options-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        try
        {
            File.WriteAllText(Path.Combine(home, "token"), "hf_from_file\n");
            var options = HubOptions.FromVariables(name => name == "HF_HOME" ? home : null);

            Assert.Equal(Path.Combine(home, "hub"), options.CacheDirectory);
            Assert.Equal("hf_from_file", options.Token);
            Assert.False(options.Offline);
            Assert.Equal(new Uri("https://huggingface.co"), options.Endpoint);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void Validate_NegativeRetries_NamesOption()
    {
        var options = new HubOptions { MaxRetries = -1 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
    }
}
