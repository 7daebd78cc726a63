using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core.Time;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>The demo's project: created once in ./perche-demo (gitignored), reopened on later runs.</summary>
internal static partial class DemoVerb
{
    /// <summary>The folder holding the demo project, under the current directory.</summary>
    internal static string DemoProjectParent => Path.Combine(Directory.GetCurrentDirectory(), "perche-demo");

    /// <summary>
    /// The demo project (perche-demo/LePhare.perche), created with Le Phare's settings, crew and delivery
    /// profile on the first run. Each phase's demo step stores into it; <see cref="RunProject"/> shows it.
    /// </summary>
    internal static ProjectFolder OpenDemoProject()
    {
        var existing = Path.Combine(DemoProjectParent, "LePhare" + ProjectFolder.Extension);
        if (Directory.Exists(existing))
        {
            return ProjectFolder.Load(existing);
        }

        Directory.CreateDirectory(DemoProjectParent);
        var settings = new ProjectSettings
        {
            Title = "Le Phare",
            Company = "Perche demo productions",
            FrameRate = FrameRate.Fps25,
            TimecodeRate = FrameRate.Fps25,
            SampleRateHz = 48000,
            BitDepth = 24,
            Languages = { "fr", "en" },
        };
        var project = ProjectFolder.Create(DemoProjectParent, "LePhare", settings, store: null, CliProject.Modules);
        using var store = CliProject.Open(project);
        store.Write(tx =>
        {
            new CrewMember { Name = "Marie Keller", Role = "production sound mixer" }.Add(tx);
            new CrewMember { Name = "Yann Le Goff", Role = "boom operator" }.Add(tx);
            new CrewMember { Name = "Inès Moreau", Role = "re-recording mixer" }.Add(tx);
            DeliveryProfile.EbuR128.Save(tx);
        });
        return project;
    }

    /// <summary>The demo's last step: the project at a glance, after every phase has stored its part.</summary>
    private static int RunProject(CliContext ctx)
    {
        var project = OpenDemoProject();
        ctx.Console.Write(new Rule("Project: perche status of the demo project").LeftJustified());
        ctx.Console.MarkupLine($"[grey]{Markup.Escape(project.Root)} (cd into it and run 'perche status')[/]");
        return StatusVerb.Run(ctx, project, json: false);
    }
}
