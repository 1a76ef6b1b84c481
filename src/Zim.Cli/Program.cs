using Zim.Cli;

return await ZimCli.RunAsync(args, CliHost.FromProcess());
