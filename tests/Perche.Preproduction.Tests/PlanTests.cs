using Perche.Core;
using Perche.Core.Time;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Formats;
using Perche.Preproduction.Plan;

namespace Perche.Preproduction.Tests;

public sealed class PlanTests
{
    private static SoundBreakdown Demo() => BreakdownEngine.Run(ScreenplayReader.Read(BreakdownEvaluationTests.Samples("le-phare/script/LePhare.fountain")));

    [Fact]
    public void Plan_counts_days_channels_and_budget_from_the_rates()
    {
        var plan = ProductionPlan.Build(Demo(), new PlanOptions { ShootingDays = 3, PictureRate = FrameRate.Fps25 });
        Assert.Equal(3, plan.ShootingDays);
        // At most two speakers on screen at once (scene 4: MARIE, PAUL) + a spare.
        Assert.Equal(3, plan.WirelessChannels);
        var mixer = plan.Crew.Single(l => l.Key == "production-sound-mixer");
        Assert.Equal(5, mixer.Days);                 // 3 shooting days + 2 prep days
        Assert.Equal(2600, mixer.Amount);            // 5 × 520
        Assert.Equal(1200, plan.Crew.Single(l => l.Key == "boom-operator").Amount);
        Assert.Equal(3 * 18 * 3, plan.Gear.Single(l => l.Key == "wireless-channel").Amount);
        Assert.Equal(plan.Crew.Sum(l => l.Amount) + plan.Gear.Sum(l => l.Amount) + plan.Post.Sum(l => l.Amount), plan.Total);
        Assert.Equal(FrameRate.Fps25, plan.Workflow.TimecodeRate);
        Assert.Equal(48000, plan.Workflow.SampleRateHz);
        Assert.Equal(3, plan.Workflow.BackupCopies);
        // Voice-over (1 line in scene 5) and the ADR-risk lines of scene 2 (wind): 3 lines.
        Assert.Equal(3, plan.AdrLines);
    }

    [Fact]
    public void Shooting_days_come_from_the_page_count_without_a_schedule()
    {
        var b = Demo();
        var plan = ProductionPlan.Build(b);
        Assert.Equal((int)Math.Ceiling(b.Script.LengthPages / 3), plan.ShootingDays);
        Assert.Contains("pages", plan.ShootingDaysSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Gunshots_ask_for_32_bit_float()
    {
        var b = BreakdownEngine.Run(Perche.Preproduction.Formats.Fountain.FountainReader.Parse("EXT. FIELD - DAY\n\nA GUNSHOT.\n\nBOB\nDown!\n", "g.fountain"));
        Assert.Equal("32-bit float", ProductionPlan.Build(b).Workflow.BitDepth);
    }

    [Fact]
    public void Shipped_example_rates_file_equals_the_built_in_defaults()
    {
        var path = Path.Combine(Perche.Core.Tests.Support.TestData.RepositoryRoot, "samples", "rates", "rates-example.ini");
        var card = RateCard.Read(path);
        Assert.Equal("EUR", card.Currency);
        foreach (var key in new[] { "crew.production-sound-mixer", "gear.wireless-channel", "post.mix-stage", "productivity.pages-per-shooting-day" })
        {
            Assert.Equal(RateCard.Default[key], card[key]);
        }
    }

    [Fact]
    public void Rates_file_overrides_and_errors_name_the_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"perche-rates-{Guid.NewGuid():N}.ini");
        try
        {
            File.WriteAllText(path, "currency = chf\n[crew]\nboom-operator = 480\n");
            var card = RateCard.Read(path);
            Assert.Equal("CHF", card.Currency);
            Assert.Equal(480, card["crew.boom-operator"]);
            Assert.Equal(520, card["crew.production-sound-mixer"]);

            File.WriteAllText(path, "[crew]\nboom-operater = 480\n");
            var typo = Assert.Throws<PercheFormatException>(() => RateCard.Read(path));
            Assert.Equal(2, typo.Position);
            Assert.Contains("typo", typo.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "[gear]\nrecorder = 9O\n");
            Assert.Equal(2, Assert.Throws<PercheFormatException>(() => RateCard.Read(path)).Position);
            File.WriteAllText(path, "[catering]\n");
            Assert.Equal(1, Assert.Throws<PercheFormatException>(() => RateCard.Read(path)).Position);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
