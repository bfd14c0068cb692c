using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PromotedById = table.Column<string>(type: "TEXT", nullable: false),
                    PromotedByName = table.Column<string>(type: "TEXT", nullable: false),
                    JobId = table.Column<long>(type: "INTEGER", nullable: false),
                    RollbackOf = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", nullable: false),
                    DatasetHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VerseCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidationLoss = table.Column<double>(type: "REAL", nullable: true),
                    ChecklistJson = table.Column<string>(type: "TEXT", nullable: false),
                    Overridden = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommitSha = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PushState = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PushError = table.Column<string>(type: "TEXT", nullable: true),
                    PushedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_JobId",
                table: "ModelVersions",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Number",
                table: "ModelVersions",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelVersions");
        }
    }
}
