namespace Perche.Preproduction.Tests;
public sealed class DumpTests
{
    [Fact]
    public void Dump()
    {
        var paths = Environment.GetEnvironmentVariable("DUMP");
        if (paths is null) return;
        var sb = new System.Text.StringBuilder();
        foreach (var path in paths.Split(';'))
        {
            var s = Perche.Preproduction.Formats.ScreenplayReader.Read(path);
            sb.AppendLine($"== {path} {s.Format} {s.Language} {s.EncodingName} pages {s.LengthPages:F1} title {s.Title}");
            foreach (var kv in s.TitlePage) sb.AppendLine($"TP {kv.Key} = {string.Join(" | ", kv.Value)}");
            foreach (var w in s.Warnings) sb.AppendLine("WARN " + w);
            foreach (var sc in s.Scenes) sb.AppendLine($"S {sc.Number} [{sc.Heading.Setting} | {sc.Heading.Place} | {sc.Heading.TimeOfDay} | {sc.Heading.Weather}] {sc.Heading.Text} :: {string.Join(", ", sc.Speakers.Select(x => x.Name + "=" + x.Lines))}");
            sb.AppendLine("CHARS " + string.Join(", ", s.Characters.Select(x => x.Name + "=" + x.Lines)));
            if (Environment.GetEnvironmentVariable("ELEMENTS") is not null)
                for (var i = 0; i < s.Elements.Count; i++) sb.AppendLine($"[{i}] L{s.Elements[i].Line} {s.Elements[i].Kind} {(s.Elements[i].IsDual ? "DUAL " : "")}{(s.Elements[i].IsCentered ? "CENTER " : "")}{s.Elements[i].Text.Replace("\n", "\\n")}");
        }
        File.WriteAllText("/tmp/pp/dump.txt", sb.ToString());
    }
}
