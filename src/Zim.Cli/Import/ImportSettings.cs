using Zim.Protocol.Rosters;

namespace Zim.Cli.Import;

/// <summary>The choices of one <c>zim users import</c>.</summary>
internal sealed record ImportSettings(RosterFile Input, string ReportPath, int BatchSize, int Concurrency, int UserNameMaxBytes);
