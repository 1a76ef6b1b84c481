using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Zim.Protocol;
using Zim.Server.RateLimits;
using Zim.Server.Storage;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Prometheus metrics at /metrics.</summary>
public abstract class MetricsTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly AdminCaller admin = factory.Admin();

    private async Task<string> ScrapeAsync() =>
        await factory.CreateClient().GetStringAsync("/metrics", TestContext.Current.CancellationToken);

    private static double Value(string text, string series)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(series) + @" (\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no series {series} in:\n{text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task CallsAreCountedByActionAndCodeAndTimedInAHistogram()
    {
        var app = await admin.CreateAppAsync();
        var before = await ScrapeAsync();
        await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("nobody"));
        await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("nobody"));

        var after = await ScrapeAsync();

        var series = $"zim_requests_total{{action=\"QueryUserInfos\",code=\"{ZimCode.QueryUserNotFound}\"}}";
        var was = before.Contains(series, StringComparison.Ordinal) ? Value(before, series) : 0;
        Assert.Equal(was + 2, Value(after, series));
        Assert.True(Value(after, "zim_request_duration_seconds_count{action=\"QueryUserInfos\"}") >= 2);
        Assert.True(Value(after, "zim_store_duration_seconds_count{operation=\"find\"}") >= 2);
    }

    [Fact]
    public async Task UsersStoredAreCountedPerAppWhenScraped()
    {
        var app = await admin.CreateAppAsync();
        await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId(), Json.NewId(), Json.NewId()));

        Assert.Equal(3, Value(await ScrapeAsync(), $"zim_users_stored{{app_id=\"{app.AppId}\"}}"));
    }

    [Fact]
    public async Task RateLimitRejectionsAreCountedByAction()
    {
        var app = await admin.CreateAppAsync(qpsLimit: 1);
        await factory.Caller(app).PostAsync("ModifyUserInfo", Json.Users("x"));
        var refused = await factory.Caller(app).PostAsync("ModifyUserInfo", Json.Users("x"));

        Assert.Equal(ZimAction.ModifyUserInfo.RateLimitCode, refused.Code);
        Assert.True(Value(await ScrapeAsync(), "zim_rate_limit_rejections_total{action=\"ModifyUserInfo\"}") >= 1);
    }
}

public sealed class MetricsOnSqlite(ZimFactory factory) : MetricsTests<ZimFactory>(factory);

public sealed class MetricsOnPostgres(PostgresZimFactory factory) : MetricsTests<PostgresZimFactory>(factory);

/// <summary>
/// The metrics do not depend on the order of the setup lines: here the store and the rate limiter are
/// registered once more after everything else, as if their lines in Program.cs came after AddZimMetrics.
/// </summary>
public sealed class MetricsRegistrationOrderTests
{
    private sealed class StoreAndLimiterLastFactory : ZimFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices((context, services) => services.AddZimStorage(context.Configuration).AddZimRateLimits());
        }
    }

    [Fact]
    public async Task StoreCallsAndRateLimitRefusalsAreCountedWhenTheStoreAndLimiterAreRegisteredAfterTheMetrics()
    {
        using var factory = new StoreAndLimiterLastFactory();
        var app = await factory.Admin().CreateAppAsync(qpsLimit: 1);
        await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("nobody"));
        Assert.Equal(ZimAction.QueryUserInfos.RateLimitCode, (await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("nobody"))).Code);

        var text = await factory.CreateClient().GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Matches(@"(?m)^zim_store_duration_seconds_count\{operation=""find""\} [1-9]", text);
        Assert.Matches(@"(?m)^zim_rate_limit_rejections_total\{action=""QueryUserInfos""\} [1-9]", text);
    }
}
