using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseExtraConditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExtraConditions",
                table: "CaseFiles",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtraConditions",
                table: "CaseFiles");
        }
    }
}
