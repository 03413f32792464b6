// The API page (/api/docs): draws /api/openapi.json with Swagger UI, installed from npm by
// scripts/install_api_docs.sh and served by covoit itself.
window.addEventListener("DOMContentLoaded", function () {
    if (typeof window.SwaggerUIBundle !== "function") {
        return;
    }
    window.SwaggerUIBundle({
        url: "openapi.json",
        dom_id: "#api",
        deepLinking: true,
    });
});
