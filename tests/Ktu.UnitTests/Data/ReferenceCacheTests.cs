using Ktu.Web.Data;
using Microsoft.Extensions.Time.Testing;

namespace Ktu.UnitTests.Data;

/// <summary>The read-through rules of the reference cache, without a database: what it keeps, for how long, and what it refuses to keep.</summary>
public sealed class ReferenceCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private int _loads;

    private Func<Task<string?>> Load(string? value) => () =>
    {
        _loads++;
        return Task.FromResult(value);
    };

    [Fact]
    public async Task A_value_is_read_once_and_served_until_its_lifetime_is_over()
    {
        var cache = new ReferenceCache(_clock, TimeSpan.FromSeconds(60));
        var map = cache.NewMap<int, string>();

        Assert.Equal("2027", await map.GetAsync(1, Load("2027")));
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("2027", await map.GetAsync(1, Load("changed")));
        Assert.Equal(1, _loads);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("changed", await map.GetAsync(1, Load("changed")));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Clear_makes_the_next_reader_go_to_the_database()
    {
        var cache = new ReferenceCache(_clock, TimeSpan.FromSeconds(60));
        var map = cache.NewMap<int, string>();
        await map.GetAsync(1, Load("old"));

        cache.Clear();

        Assert.Equal("new", await map.GetAsync(1, Load("new")));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_missing_row_is_not_remembered_as_missing()
    {
        var cache = new ReferenceCache(_clock, TimeSpan.FromSeconds(60));
        var map = cache.NewMap<int, string>();

        Assert.Null(await map.GetAsync(2031, Load(null)));
        Assert.Equal("2031", await map.GetAsync(2031, Load("2031")));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_value_read_while_the_cache_was_emptied_is_not_kept()
    {
        var cache = new ReferenceCache(_clock, TimeSpan.FromSeconds(60));
        var map = cache.NewMap<int, string>();
        // The reader loads the old rules; a save commits new ones and empties the cache before the reader is done.
        var read = await map.GetAsync(1, () =>
        {
            _loads++;
            cache.Clear();
            return Task.FromResult<string?>("old");
        });

        Assert.Equal("old", read);
        Assert.Equal(0, map.Count);
        Assert.Equal("new", await map.GetAsync(1, Load("new")));
    }

    [Fact]
    public async Task The_cache_for_contexts_made_outside_the_app_keeps_nothing()
    {
        var map = ReferenceCache.None.NewMap<int, string>();
        await map.GetAsync(1, Load("a"));
        await map.GetAsync(1, Load("a"));

        Assert.Equal(2, _loads);
        Assert.Equal(0, map.Count);
    }
}
