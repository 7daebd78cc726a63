namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// An append-only list of block energies kept in fixed pages, so growth never copies what is already stored and
/// never touches the large-object heap. One value per 100 ms costs 288 KB per hour of programme.
/// </summary>
internal sealed class EnergyHistory
{
    // 4096 doubles = 32 KB, below the 85 KB large-object threshold; one page covers 6.8 minutes at 10 Hz.
    private const int PageShift = 12;
    private const int PageSize = 1 << PageShift;

    private readonly List<double[]> pages = [];

    /// <summary>Number of values stored.</summary>
    public int Count { get; private set; }

    /// <summary>The value at <paramref name="index"/>.</summary>
    public double this[int index] => this.pages[index >> PageShift][index & (PageSize - 1)];

    /// <summary>Appends one value; allocates a page once every <c>PageSize</c> values.</summary>
    public void Add(double value)
    {
        var offset = this.Count & (PageSize - 1);
        if (offset == 0 && (this.Count >> PageShift) == this.pages.Count)
        {
            this.pages.Add(new double[PageSize]);
        }

        this.pages[this.Count >> PageShift][offset] = value;
        this.Count++;
    }

    /// <summary>Forgets every value but keeps the pages for reuse.</summary>
    public void Clear() => this.Count = 0;

    /// <summary>The stored values page by page, in order.</summary>
    public IEnumerable<ReadOnlyMemory<double>> Segments()
    {
        for (var start = 0; start < this.Count; start += PageSize)
        {
            yield return new ReadOnlyMemory<double>(this.pages[start >> PageShift], 0, Math.Min(PageSize, this.Count - start));
        }
    }
}
