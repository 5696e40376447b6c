using Ktu.Web.Data.Interceptors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
