using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Project;

namespace Perche.Cli.Verbs;

/// <summary>`perche project backup|export|import`: copies of the project's store.</summary>
internal static class ProjectVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var command = new Command("project", "The current project: settings, crew, delivery profiles; back up, export or import its store");
        command.Add(BuildBackup(context));
        command.Add(BuildExport(context));
        command.Add(BuildImport(context));
        foreach (var sub in ProjectSettingsVerb.Build(context))
        {
            command.Add(sub);
        }

        return command;
    }

    public static int Backup(CliContext ctx, ProjectFolder project, string? folder, bool json)
    {
        using var store = CliProject.Open(project);
        var result = ProjectBackup.Create(project, store, folder);
        if (json)
        {
            ctx.WriteJson(new JsonObject { ["backup"] = result.Path, ["revision"] = result.Revision, ["bytes"] = result.Bytes, ["provider"] = store.Provider.ToString() });
        }
        else
        {
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Backed up revision {result.Revision} of {project.Name} to {result.Path} ({result.Bytes} bytes, checked)"));
        }

        return ExitCodes.Ok;
    }

    public static int Export(CliContext ctx, ProjectFolder project, string? output, bool json)
    {
        using var store = CliProject.Open(project);
        if (output is null)
        {
            // The dump itself on stdout, for a pipe or a redirection.
            ctx.Out.Flush();
            using var stdout = new MemoryStream();
            ProjectExport.Export(store, stdout, project.Name);
            ctx.Out.Write(System.Text.Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length));
            ctx.Out.WriteLine();
            return ExitCodes.Ok;
        }

        var rows = ProjectExport.ExportToFile(store, output, project.Name);
        var full = Path.GetFullPath(output);
        if (json)
        {
            ctx.WriteJson(new JsonObject { ["export"] = full, ["rows"] = rows, ["bytes"] = new FileInfo(full).Length });
        }
        else
        {
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exported {rows} rows of {project.Name} to {full}"));
        }

        return ExitCodes.Ok;
    }

    public static int Import(CliContext ctx, string dump, string name, string? storeUrl, bool json)
    {
        if (!File.Exists(dump))
        {
            ctx.ReportError($"{dump}: no such file");
            return ExitCodes.BadInput;
        }

        var full = Path.GetFullPath(name);
        var (project, rows) = ProjectFolder.CreateFromExport(Path.GetDirectoryName(full)!, Path.GetFileName(full), dump, storeUrl, CliProject.Modules);
        if (json)
        {
            ctx.WriteJson(new JsonObject { ["project"] = project.Root, ["store"] = project.Location.ToString(), ["rows"] = rows });
        }
        else
        {
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Imported {rows} rows into {project.Root} ({project.Location.Provider} {project.Location})"));
        }

        return ExitCodes.Ok;
    }

    private static Command BuildBackup(Func<CliContext> context)
    {
        var to = new Option<string?>("--to") { Description = "The folder to write the backup in (default: the project's backups folder)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command("backup", "Write a checked, consistent copy of the store (SQLite: a .db file; PostgreSQL: the JSON export)") { to, json };
        command.SetAction(parse => Backup(context(), CliProject.Require(parse), parse.GetValue(to), parse.GetValue(json)));
        return command;
    }

    private static Command BuildExport(Func<CliContext> context)
    {
        var output = new Argument<string?>("file") { Description = "Write the dump to this file (default: stdout)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "The dump is JSON (the only format); with FILE, print the summary as JSON" };
        var command = new Command("export", "Dump the whole project as documented JSON (see src/Perche.Project/EXPORT.md)") { output, json };
        command.SetAction(parse => Export(context(), CliProject.Require(parse), parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static Command BuildImport(Func<CliContext> context)
    {
        var dump = new Argument<string>("dump") { Description = "A file written by 'perche project export'" };
        var name = new Argument<string>("name") { Description = "The new project to create (NAME.perche)" };
        var store = new Option<string?>("--store") { Description = "Create it on a PostgreSQL server: postgres://user:password@host:port/database?schema=name" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command("import", "Create a project from an export (in one transaction; nothing is left if it fails)") { dump, name, store, json };
        command.SetAction(parse => Import(context(), parse.GetValue(dump)!, parse.GetValue(name)!, CliProject.NewProjectStore(parse.GetValue(store)), parse.GetValue(json)));
        return command;
    }
}
