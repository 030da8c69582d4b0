using HfPipelines.Cli;
using HfPipelines.Cli.Composition;

var context = new CliContext(Console.Out, Console.Error)
{
    PipelineProviderFactory = () => HfpServices.CreateProvider(),
    BackendProviderFactory = HfpServices.CreateProvider,
    ChatClientFactory = HfpServices.CreateChatClientAsync,
};
return await CliApp.RunAsync(args, context).ConfigureAwait(false);
