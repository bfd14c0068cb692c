# syntax=docker/dockerfile:1
# The portal's own image: Verse Portal (Blazor Server) listening on 8080, its data directory on a volume at /data.
#
#   docker build -t verse-portal .
#   docker run -d -p 8080:8080 -v verse-portal-data:/data -e PORTAL_ADMIN_PASSWORD='a long password' verse-portal
#
# Ubuntu 24.04 (noble) images: their libstdc++ has what TorchSharp's native library asks for, so the Debian 12 patch
# of build/TorchSharpGlibcFix.targets is turned off.
#
# TORCH_BACKEND=cuda trains on an NVIDIA GPU (run with --gpus all; the host needs the driver and the NVIDIA Container
# Toolkit). TorchSharp-cuda-linux carries libtorch and the CUDA libraries itself, so the default runtime image works;
# RUNTIME_IMAGE swaps in another base when the CUDA libraries should come from NVIDIA's image instead: one with the
# ASP.NET Core 10 runtime on top of nvidia/cuda:*-ubuntu24.04, and an unprivileged user named by APP_UID as in
# Microsoft's images (the start script below drops to it):
#   docker build --build-arg TORCH_BACKEND=cuda -t verse-portal:cuda .
#   docker build --build-arg TORCH_BACKEND=cuda --build-arg RUNTIME_IMAGE=my-registry/aspnet-cuda:10.0 -t verse-portal:cuda .
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble

# Only what restore reads: project files and the build settings they import. This stage reruns on any source change,
# but what it leaves behind changes only with these files, so the package layer below stays cached.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS projects
WORKDIR /src
COPY . .
RUN find . -type f ! -name '*.csproj' ! -name 'Directory.*.props' ! -name 'Directory.*.targets' ! -name global.json \
        ! -path './build/*' -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TORCH_BACKEND=cpu
WORKDIR /src
COPY --from=projects /src .
# Downloads the packages (libtorch alone is hundreds of MB) into a layer that source edits do not invalidate.
RUN dotnet restore src/Portal.Web -r linux-x64 -p:TorchBackend=$TORCH_BACKEND
COPY . .
# Publish restores again, from the packages already here: a restore that saw no .razor files leaves out Blazor's own
# script (blazor.web.js), so --no-restore would ship a portal whose pages never become interactive.
# linux-x64 only, not every platform's native libraries; the output carries a copy of the top-level wwwroot/.
RUN dotnet publish src/Portal.Web -c Release -r linux-x64 --self-contained false -o /app --nologo \
        -p:TorchBackend=$TORCH_BACKEND -p:TorchSharpGlibcFix=false

FROM ${RUNTIME_IMAGE}
ARG TORCH_BACKEND=cpu
# libtorch's OpenMP runtime: the CPU package bundles its own, the CUDA build expects the system's.
RUN if [ "$TORCH_BACKEND" = cuda ]; then \
        apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
COPY --from=build /app .
# The portal runs as the image's unprivileged user (APP_UID). A disk that the platform mounts at /data (Render) or a
# host folder can arrive owned by root; only then, while still root, does the start script hand it to that user, and
# it then drops to it before the portal starts. Started as a non-root user (docker run --user), it runs as that user.
COPY --chmod=755 <<'EOF' /usr/local/bin/portal-start
#!/bin/sh
set -eu
data="${Portal__DataDirectory:-/data}"
if [ "$(id -u)" = 0 ]; then
    mkdir -p "$data"
    [ "$(stat -c %u "$data")" = "$APP_UID" ] || chown -R "$APP_UID:$APP_UID" "$data"
    HOME="$(getent passwd "$APP_UID" | cut -d: -f6)"
    export HOME
    exec setpriv --reuid="$APP_UID" --regid="$APP_UID" --init-groups -- dotnet /app/Portal.Web.dll "$@"
fi
exec dotnet /app/Portal.Web.dll "$@"
EOF
# Owned by the unprivileged user before it becomes a volume, so that a new named volume inherits the owner.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
# Urls, not ASPNETCORE_URLS: appsettings.json sets Urls, and it outranks the ASPNETCORE_ variables.
ENV Portal__DataDirectory=/data \
    Urls=http://0.0.0.0:8080
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["portal-start"]
