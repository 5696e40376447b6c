using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ApiClientsForEmbeter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "OrganisationId",
                table: "ApiClients",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "EmbeteId",
                table: "ApiClients",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_EmbeteId",
                table: "ApiClients",
                column: "EmbeteId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_ApiClients_OneOwner",
                table: "ApiClients",
                sql: "(\"OrganisationId\" IS NULL) <> (\"EmbeteId\" IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_ApiClients_Embeter_EmbeteId",
                table: "ApiClients",
                column: "EmbeteId",
                principalTable: "Embeter",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ApiClients_Embeter_EmbeteId",
                table: "ApiClients");

            migrationBuilder.DropIndex(
                name: "IX_ApiClients_EmbeteId",
                table: "ApiClients");

            migrationBuilder.DropCheckConstraint(
                name: "CK_ApiClients_OneOwner",
                table: "ApiClients");

            migrationBuilder.DropColumn(
                name: "EmbeteId",
                table: "ApiClients");

            migrationBuilder.AlterColumn<int>(
                name: "OrganisationId",
                table: "ApiClients",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
