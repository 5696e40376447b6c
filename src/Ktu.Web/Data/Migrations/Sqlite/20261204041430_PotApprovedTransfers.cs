using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PotApprovedTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ApprovedTransfers",
                table: "Pots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedTransfers",
                table: "Pots");
        }
    }
}
