using System.Net;
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
    [InlineData("Secrets__Key", "bm90IDMyIGJ5dGVz")]
    [InlineData("Secrets__Key", "not base64 at all")]
    [InlineData("Secrets__KeyFile", "/nonexistent/secrets.key")]
    public async Task AKeyForTheSecretsThatCouldNeverBeOneStopsTheServerWithoutShowingIt(string key, string value)
    {
        var error = await StartFailingOnAsync(key, value);
        if (key == "Secrets__Key")
        {
            Assert.DoesNotContain(value, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Apps__0__ServerSecret", "too-short")]
    [InlineData("Apps__1__AppId", "1000000001")]
    [InlineData("Apps__0__QpsLimit", "-1")]
    [InlineData("Apps__0__AppId", "0")]
    [InlineData("Storage__Provider", "Oracle")]
    [InlineData("Apps__0__QpsLimit", "twenty")]
    [InlineData("Apps__0__AppId", "12x")]
    [InlineData("Seed__AppId", "abc")]
    [InlineData("AppsRefreshSeconds", "soon")]
    [InlineData("Api__MaxRequestBodyBytes", "lots")]
    [InlineData("Kestrel__Limits__MaxRequestBodySize", "huge")]
    [InlineData("RequestLog__Bodies", "sometimes")]
    [InlineData("Apps__0__CallbackUrl", "ftp://example.com/callbacks")]
    [InlineData("Apps__0__CallbackUrl", "/callbacks")]
    [InlineData("Apps__0__CallbackSecret", "too-short")]
    public async Task AConfigurationThatCouldNeverWorkStopsTheServerWithOneClearLineNamingTheSetting(string key, string value) =>
        await StartFailingOnAsync(key, value);

    [Fact]
    public async Task SeveralSettingsThatCouldNeverWorkAreAllNamedInTheOneLine()
    {
        var error = await StartFailingAsync(("Api__MaxRequestBodyBytes", "lots"), ("RequestLog__PerApp", "-1"));
        Assert.Contains("Api:MaxRequestBodyBytes", error, StringComparison.Ordinal);
        Assert.Contains("PerApp", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallbackUrlWithoutACallbackSecretStopsTheServerAndSaysWhatToSet()
    {
        var error = await StartFailingAsync(("Apps__1__CallbackUrl", "https://example.com/zim/callbacks"));
        Assert.Contains("Apps:1:CallbackSecret is required with a CallbackUrl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABoundOnLoggedBodiesOutOfRangeStopsTheServer()
    {
        var error = await StartFailingAsync(("RequestLog__Bodies", "true"), ("RequestLog__MaxBodyBytes", "65537"));
        Assert.Contains("MaxBodyBytes", error, StringComparison.Ordinal);
    }

    /// <summary>Starts the server process with one bad setting; returns what it printed, checked to name the setting.</summary>
    private static async Task<string> StartFailingOnAsync(string key, string value)
    {
        var error = await StartFailingAsync((key, value));
        Assert.Contains(key.Replace("__", ":", StringComparison.Ordinal), error, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Starts the server process with bad settings; returns what it printed, checked to be one clear line.</summary>
    private static async Task<string> StartFailingAsync(params (string Key, string Value)[] bad)
    {
        using var store = new SqliteTestStore();
        var settings = store.Environment().ToDictionary();
        foreach (var (name, setting) in TestApp.Settings())
        {
            settings[name.Replace(":", "__", StringComparison.Ordinal)] = setting!;
        }
        foreach (var (key, value) in bad)
        {
            settings[key] = value;
        }
        var output = await ServerProcess.RefusedStartAsync(Path.GetTempPath(), settings);
        Assert.Contains("Configuration error:", output, StringComparison.Ordinal);
        return output;
    }
}
