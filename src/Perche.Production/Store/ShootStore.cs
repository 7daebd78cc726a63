using Perche.Production.Edits;
using Perche.Production.Offload;

namespace Perche.Production.Store;

/// <summary>
/// Where the shoot phase keeps what the files do not: report edits and offload results. Inside a project, the
/// project store; on a plain folder, <c>perche-report-edits.json</c> in the folder the report describes.
/// </summary>
public sealed class ShootStore
{
    /// <summary>The JSON file name used without a project.</summary>
    public const string EditsFileName = "perche-report-edits.json";

    private readonly IReportEditStore edits;

    private ShootStore(IReportEditStore edits, string description)
    {
        this.edits = edits;
        this.Description = description;
    }

    /// <summary>Where the data goes, for messages.</summary>
    public string Description { get; }

    /// <summary>Opens the store for a card or folder (<paramref name="projectFolder"/> overrides the search).</summary>
    public static ShootStore Open(string reportPath, string? projectFolder = null)
    {
        ArgumentNullException.ThrowIfNull(reportPath);
        var folder = File.Exists(reportPath) ? Path.GetDirectoryName(Path.GetFullPath(reportPath))! : Path.GetFullPath(reportPath);
        var path = Path.Combine(folder, EditsFileName);
        return new ShootStore(new JsonEditStore(path), path);
    }

    /// <summary>Every edit.</summary>
    public IReadOnlyList<TakeEdit> LoadEdits() => this.edits.Load();

    /// <summary>Records an edit.</summary>
    public void SaveEdit(TakeEdit edit) => this.edits.Save(edit);

    /// <summary>Records an offload's outcome (kept in the project store; a plain folder has its MHL histories).</summary>
    public void SaveOffload(OffloadResult result) => ArgumentNullException.ThrowIfNull(result);
}
