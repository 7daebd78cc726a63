using Perche.Cli.Output;
using Perche.Delivery.Compliance;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>What `check` and `deliver` print alike.</summary>
internal static class DeliveryVerbSupport
{
    public static string Markup(Verdict v) => v switch
    {
        Verdict.Pass => "[green bold]PASS[/]",
        Verdict.Fail => "[red bold]FAIL[/]",
        Verdict.Warn => "[yellow bold]WARN[/]",
        _ => "[grey]info[/]",
    };

    public static void WriteCriteria(CliContext ctx, IReadOnlyList<Criterion> criteria)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("criterion").AddColumn("measured").AddColumn("required").AddColumn("verdict").AddColumn("source");
        foreach (var c in criteria)
        {
            var source = c.Source.Length == 0 ? string.Empty : (c.Confirmed ? string.Empty : "(unconfirmed) ") + (c.Source.Length > 60 ? c.Source[..59] + "…" : c.Source);
            table.AddRow(Spectre.Console.Markup.Escape(c.Id), Spectre.Console.Markup.Escape($"{c.MeasuredText} {c.Unit}".Trim()), Spectre.Console.Markup.Escape(c.Requirement), Markup(c.Verdict), Spectre.Console.Markup.Escape(source));
        }

        ctx.Console.Write(table);
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar when interactive.</summary>
    public static T WithProgress<T>(CliContext ctx, bool json, string label, Func<IProgress<long>?, T> work, Func<long> totalFrames)
    {
        if (!ctx.Interactive || json)
        {
            return work(null);
        }

        T result = default!;
        var total = Math.Max(1, totalFrames());
        ctx.Console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(p =>
            {
                var task = p.AddTask(Spectre.Console.Markup.Escape(label), maxValue: total);
                result = work(new Progress<long>(frames => task.Value = frames));
            });
        return result;
    }
}
