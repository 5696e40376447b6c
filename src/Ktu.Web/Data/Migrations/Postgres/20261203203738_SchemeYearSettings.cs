using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SchemeYearSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FixedLetterTextsJson",
                table: "SchemeYears",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GoalText",
                table: "SchemeYears",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ProjectPartName",
                table: "SchemeYears",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PublishedAt",
                table: "SchemeYears",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReportVariancePercent",
                table: "SchemeYears",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "SchemeYears",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SchemeYears",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "Earmarked",
                table: "SchemeThemes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsDemoFigure",
                table: "Pots",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReportDeadline",
                table: "Pots",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TransferredAmount",
                table: "Pots",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Years that existed before this migration were already out: published, with the goal and part name their rules used.
            migrationBuilder.Sql("UPDATE \"SchemeYears\" SET \"GoalText\" = 'Målet med tilskuddet er å styrke kommunenes evne og mulighet til å utvikle bærekraftige og gode helse- og omsorgstjenester, og å gi en tydelig prioritet til noen av de viktigste framtidsutfordringene kommunene står overfor på helse- og omsorgsfeltet.', \"ProjectPartName\" = 'Innovasjonsprosjekter' WHERE \"Year\" <= 2022;");
            migrationBuilder.Sql("UPDATE \"SchemeYears\" SET \"GoalText\" = 'Målet med tilskuddet er å bidra til å redusere mangelen på personell med relevant fagutdanning i omsorgstjenesten, og legge til rette for en bærekraftig omsorgstjeneste.', \"ProjectPartName\" = 'Tjenesteutviklingstiltak' WHERE \"Year\" > 2022;");
            migrationBuilder.Sql("UPDATE \"SchemeThemes\" SET \"Earmarked\" = TRUE WHERE \"Code\" = 'avlastning';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FixedLetterTextsJson",
                table: "SchemeYears");

            migrationBuilder.DropColumn(
                name: "GoalText",
                table: "SchemeYears");

            migrationBuilder.DropColumn(
                name: "ProjectPartName",
                table: "SchemeYears");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                table: "SchemeYears");

            migrationBuilder.DropColumn(
                name: "ReportVariancePercent",
                table: "SchemeYears");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "SchemeYears");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SchemeYears");

            migrationBuilder.DropColumn(
                name: "Earmarked",
                table: "SchemeThemes");

            migrationBuilder.DropColumn(
                name: "IsDemoFigure",
                table: "Pots");

            migrationBuilder.DropColumn(
                name: "ReportDeadline",
                table: "Pots");

            migrationBuilder.DropColumn(
                name: "TransferredAmount",
                table: "Pots");
        }
    }
}
