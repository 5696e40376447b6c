using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferenceCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReferenceCounters",
                columns: table => new
                {
                    SchemeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceCounters", x => new { x.SchemeYear, x.EmbeteId });
                    table.ForeignKey(
                        name: "FK_ReferenceCounters_Embeter_EmbeteId",
                        column: x => x.EmbeteId,
                        principalTable: "Embeter",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReferenceCounters_SchemeYears_SchemeYear",
                        column: x => x.SchemeYear,
                        principalTable: "SchemeYears",
                        principalColumn: "Year",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceCounters_EmbeteId",
                table: "ReferenceCounters",
                column: "EmbeteId");

            // Hand-written: existing series continue after the highest number already given.
            migrationBuilder.Sql("""
                INSERT INTO "ReferenceCounters" ("SchemeYear", "EmbeteId", "Last")
                SELECT "SchemeYear", "EmbeteId", MAX("ReferenceSequence") FROM "Applications"
                WHERE "ReferenceSequence" IS NOT NULL
                GROUP BY "SchemeYear", "EmbeteId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReferenceCounters");
        }
    }
}
