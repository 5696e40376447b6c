# syntax=docker/dockerfile:1
# KTU as a container: built with the .NET SDK, run on the ASP.NET Core runtime as a non-root user. The root file system can be
# read-only (compose.yaml runs it so); only /data (anchors, SQLite, backups) and /tmp are written. docs/operations.md explains it.
#   docker build -t ktu .
#   docker run --rm ktu migrate        # the migrate command, with the same settings as the app
#   docker run -p 8080:8080 -v ktu-data:/data --read-only --tmpfs /tmp -e ... ktu

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build fetches Norway's design system from npm (Ktu.Web.csproj, target InstallDesignSystem).
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, so a code change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props dotnet-tools.json ./
COPY src/Ktu.Web/Ktu.Web.csproj src/Ktu.Web/package.json src/Ktu.Web/package-lock.json src/Ktu.Web/
RUN dotnet restore src/Ktu.Web/Ktu.Web.csproj
COPY src/ src/
RUN dotnet publish src/Ktu.Web/Ktu.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The PDF fonts (DejaVu Sans) are embedded in the assembly (Documents/Fonts), so no font package is needed.
RUN mkdir -p /data && chown "$APP_UID" /data
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__Sqlite="Data Source=/data/ktu.db" \
    Audit__AnchorFile=/data/audit-anchors.log \
    Backup__Folder=/data/backup
VOLUME /data
EXPOSE 8080
# The image's own non-root user (uid 1654).
USER $APP_UID
# No curl in the runtime image: bash's /dev/tcp asks /health/live (the process answers) and checks the status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Ktu.Web.dll"]
