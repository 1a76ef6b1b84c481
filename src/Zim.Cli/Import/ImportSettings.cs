namespace Zim.Cli.Import;

/// <summary>The choices of one <c>zim users import</c>.</summary>
internal sealed record ImportSettings(UserFile Input, string ReportPath, int BatchSize, int Concurrency, int UserNameMaxBytes);
