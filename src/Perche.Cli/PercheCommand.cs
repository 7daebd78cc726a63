using System.CommandLine;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Cli.Verbs;

namespace Perche.Cli;

/// <summary>Builds the `perche` command tree; the verbs are thin wrappers over the libraries.</summary>
internal static class PercheCommand
{
    /// <summary>Runs the command line; <paramref name="interactive"/> enables progress bars and colours.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var ctx = new CliContext(stdout, stderr, interactive);
        var root = new RootCommand("Perche — the sound engineer's workbench: from the screenplay to the delivered master")
        {
            InfoVerb.Build(() => ctx),
            LoudnessVerb.Build(() => ctx),
            DemoVerb.Build(() => ctx),
            CliProject.ProjectOption,
            InitVerb.Build(() => ctx),
            StatusVerb.Build(() => ctx),
            ProfilesVerb.Build(() => ctx),
            CheckVerb.Build(() => ctx),
            DeliverVerb.Build(() => ctx),
            ReportVerb.Build(() => ctx),
            OffloadVerb.Build(() => ctx),
            VerifyVerb.Build(() => ctx),
            QcVerb.Build(() => ctx),
            TimelineVerb.Build(() => ctx),
            ConformVerb.Build(() => ctx),
            ReconformVerb.Build(() => ctx),
            CuesVerb.Build(() => ctx),
            ProjectVerb.Build(() => ctx),
            PreproductionVerbs.BuildScript(() => ctx),
            PreproductionVerbs.BuildBreakdown(() => ctx),
            PreproductionVerbs.BuildBreakdownEdit(() => ctx),
            PreproductionVerbs.BuildPlan(() => ctx),
        };

        // Without a verb, show what the verbs are rather than an error.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                ctx.ReportError(error.Message);
            }

            stderr.WriteLine("Run 'perche --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Perche.Project.ProjectStoreException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }
    }
}
