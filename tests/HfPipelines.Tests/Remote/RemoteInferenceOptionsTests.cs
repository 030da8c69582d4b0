using HfPipelines.Remote;

namespace HfPipelines.Tests.Remote;

public sealed class RemoteInferenceOptionsTests
{
    [Fact]
    public void FromEnvironment_Variables_SetEndpointTokenAndBillTo()
    {
        var variables = new Dictionary<string, string> { ["HF_INFERENCE_ENDPOINT"] = "https://my-proxy.example/api", ["HF_TOKEN"] = " hf_abc ", ["HF_BILL_TO"] = "acme" };

        var options = RemoteInferenceOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal(new Uri("https://my-proxy.example/api"), options.BaseUrl);
        Assert.Equal("hf_abc", options.Token);
        Assert.Equal("acme", options.BillTo);
        Assert.Equal(RemoteEndpointKind.Router, options.Kind);
    }

    [Fact]
    public void FromEnvironment_Nothing_DefaultsToRouterWithoutToken()
    {
        var options = RemoteInferenceOptions.FromEnvironment(_ => null);

        Assert.Equal(RemoteInferenceOptions.DefaultRouterUrl, options.BaseUrl);
        Assert.Null(options.Token);
        Assert.Equal("hf-inference", options.Provider);
    }

    [Fact]
    public void BaseUrl_NotHttp_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new RemoteInferenceOptions { BaseUrl = new Uri("ftp://host") });

        Assert.Equal("BaseUrl", error.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void MaxRetryAttempts_OutOfRange_ThrowsWithRange(int value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteResilienceOptions { MaxRetryAttempts = value });

        Assert.Equal("MaxRetryAttempts", error.ParamName);
        Assert.Contains("between 0 and 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CircuitFailureRatio_Zero_ThrowsWithRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteResilienceOptions { CircuitFailureRatio = 0 });

        Assert.Contains("above 0 and at most 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AttemptTimeout_TooShort_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteResilienceOptions { AttemptTimeout = TimeSpan.FromMilliseconds(1) });
    }

    [Fact]
    public void Token_WithSpaces_ThrowsWithoutShowingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new RemoteInferenceOptions { Token = "hf_secret part" });

        Assert.DoesNotContain("hf_secret", error.Message, StringComparison.Ordinal);
    }
}
