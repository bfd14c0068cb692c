# The portal's own image: Verse Portal (Blazor Server) with its data directory on a volume.
# Build: docker build -t verse-portal .      GPU workers use deploy/ (a later capability), not this image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Portal.Web -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Portal__DataDirectory=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Portal.Web.dll"]
