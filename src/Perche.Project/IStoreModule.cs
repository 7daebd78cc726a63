namespace Perche.Project;

/// <summary>
/// A group of tables one phase owns (the shoot's days, rolls and takes; the breakdown's scenes...). The
/// store applies the module's migrations in version order when it opens, records each in
/// <c>perche_migration</c>, and refuses to open a project whose module version is newer than the code's.
/// Name your tables <c>{Name}_...</c> (for example <c>shoot_take</c>) so phases never collide and
/// <c>perche status</c> can count them per module.
/// </summary>
public interface IStoreModule
{
    /// <summary>A short, stable, lowercase name (<c>shoot</c>, <c>preproduction</c>, <c>post</c>); never rename it.</summary>
    string Name { get; }

    /// <summary>
    /// Every migration the module ever had, versions 1, 2, 3... in order. Never edit or remove a shipped
    /// migration: add a new one.
    /// </summary>
    IReadOnlyList<StoreMigration> Migrations { get; }

    /// <summary>
    /// Lines for <c>perche status</c> ("12 scenes broken down", "3 shooting days reported"), read inside the
    /// given transaction. The default counts the rows of the module's tables.
    /// </summary>
    IReadOnlyList<StatusLine> Summarise(StoreTransaction tx) => tx.CountRowsByTable(this.Name + "_");
}

/// <summary>One line of <c>perche status</c>: a label, a count, and optional detail.</summary>
/// <param name="Label">What is counted ("shooting days reported").</param>
/// <param name="Count">How many.</param>
/// <param name="Detail">More, for example "38 verified, 2 failed" (empty when none).</param>
public sealed record StatusLine(string Label, long Count, string Detail = "");
