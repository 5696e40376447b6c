using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// State an interceptor keeps for one <see cref="DbContext"/>. Contexts come from a pool and share one set of
/// interceptors, so what a save took (the write gate, a lock) is remembered beside the context, not in the
/// interceptor. The state lives as long as its context and goes with it; it is reused when the pool lends the
/// context again, so every interceptor leaves it as it found it when its save ends.
/// </summary>
internal sealed class PerContext<TState>
    where TState : class, new()
{
    private readonly ConditionalWeakTable<DbContext, TState> _states = [];

    public TState For(DbContext db) => _states.GetOrCreateValue(db);
}
