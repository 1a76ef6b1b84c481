using System.Net;
using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The operator's settings: a raised name limit, a smaller body cap, and apps that cannot work.</summary>
public sealed class ConfigurationTests
{
    private sealed class TunedFactory : ZimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Api:UserNameMaxBytes", "256"),
            new("Api:MaxRequestBodyBytes", "4096"),
        ];
    }

    private sealed class BrokenAppFactory(string key, string value) : ZimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new(key, value)];
    }

    [Fact]
    public async Task AnOperatorMayRaiseTheUserNameLimit()
    {
        using var factory = new TunedFactory();
        var caller = factory.Caller(TestApp.A);
        var (ok, tooLong) = (Json.NewId(), Json.NewId());
        var answer = await caller.PostAsync("UserRegister", Json.Of(new
        {
            UserInfo = new[] { new { UserId = ok, UserName = new string('n', 256) }, new { UserId = tooLong, UserName = new string('n', 257) } },
        }));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([(tooLong, ZimCode.UserNameTooLong)], answer.Errors);
    }

    [Fact]
    public async Task TheBodyCapIsConfigurable()
    {
        using var factory = new TunedFactory();
        var caller = factory.Caller(TestApp.A);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        var answer = await caller.PostAsync("UserRegister", Json.Users(Enumerable.Range(0, 100).Select(_ => Json.NewId()).ToArray()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Contains("4096", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Apps:0:ServerSecret", "too-short")]
    [InlineData("Apps:1:AppId", "1000000001")]
    [InlineData("Apps:0:QpsLimit", "-1")]
    [InlineData("Apps:0:AppId", "0")]
    public void AnAppThatCouldNeverBeCalledStopsTheServerFromStarting(string key, string value)
    {
        using var factory = new BrokenAppFactory(key, value);
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Apps:", error.Message, StringComparison.Ordinal);
    }
}
