using System.Globalization;
using Prometheus;
using Zim.Protocol;
using Zim.Server.Api;
using Zim.Server.RateLimits;
using Zim.Server.Storage;

namespace Zim.Server.Metrics;

/// <summary>
/// The server's Prometheus metrics, in a registry of its own (not the process-wide default), so that two
/// servers in one process, as in the tests, count apart.
/// </summary>
internal sealed class ZimMetrics : ICallObserver, IUserStoreObserver, IRateLimitObserver
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter requests;
    private readonly Histogram requestDuration;
    private readonly Histogram storeDuration;
    private readonly Counter rateLimited;

    public ZimMetrics(IAdminStore store)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        requests = factory.CreateCounter("zim_requests_total", "ZIM API calls answered, by Action and Code.", "action", "code");
        requestDuration = factory.CreateHistogram("zim_request_duration_seconds", "Time to answer a ZIM API call, by Action.",
            new HistogramConfiguration { LabelNames = ["action"], Buckets = LatencyBuckets });
        storeDuration = factory.CreateHistogram("zim_store_duration_seconds", "Time the user store took, by operation.",
            new HistogramConfiguration { LabelNames = ["operation"], Buckets = LatencyBuckets });
        rateLimited = factory.CreateCounter("zim_rate_limit_rejections_total", "Calls refused by the per-app rate limit, by Action.", "action");
        var users = factory.CreateGauge("zim_users_stored", "Users stored, by AppId (counted when scraped).", "app_id");
        Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            foreach (var (appId, count) in await store.CountUsersAsync(cancellationToken))
            {
                users.WithLabels(appId.ToString(CultureInfo.InvariantCulture)).Set(count);
            }
        });
    }

    public CollectorRegistry Registry { get; }

    public void Observe(AnsweredCall call)
    {
        requests.WithLabels(call.Action, call.Code.ToString(CultureInfo.InvariantCulture)).Inc();
        requestDuration.WithLabels(call.Action).Observe(call.Duration.TotalSeconds);
    }

    public void Took(string operation, TimeSpan duration) => storeDuration.WithLabels(operation).Observe(duration.TotalSeconds);

    public void Refused(uint appId, ZimAction action) => rateLimited.WithLabels(action.Name).Inc();
}
