namespace Ktu.CrashTests;

/// <summary>Which of the older acknowledged writes a cycle looks up again.</summary>
internal static class Sample
{
    /// <summary>
    /// <paramref name="count"/> distinct indices below <paramref name="size"/> (all of them if there are no more),
    /// in ascending order, chosen with <paramref name="random"/>: a partial Fisher–Yates shuffle, so the cost
    /// depends on the count, not on the size.
    /// </summary>
    public static int[] Indices(int size, int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        count = Math.Min(count, size);
        // Swaps recorded in a dictionary instead of an array of all indices.
        var swapped = new Dictionary<int, int>();
        var picked = new int[count];
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, size);
            var atJ = swapped.TryGetValue(j, out var x) ? x : j;
            var atI = swapped.TryGetValue(i, out var y) ? y : i;
            picked[i] = atJ;
            swapped[j] = atI;
        }
        Array.Sort(picked);
        return picked;
    }
}
