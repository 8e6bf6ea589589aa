import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// 127.0.0.1 rather than localhost: Node may resolve localhost to ::1, where a server bound to 0.0.0.0 is absent.
const serverOrigin = `http://127.0.0.1:${process.env.PORT ?? "3000"}`;

// `npm run dev` runs this dev server next to the API server: the page is served here and every server path is
// proxied to it. `npm run build` writes the page to dist/web, which the server serves in production.
export default defineConfig({
  root: path.resolve(import.meta.dirname, "web"),
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, "dist/web"),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      // Not "/api" alone: that prefix would also swallow this app's own modules under web/api/ in dev.
      "/api/v1": serverOrigin,
      "/api/docs": serverOrigin,
      "/api/openapi.json": serverOrigin,
      "/socket.io": { target: serverOrigin, ws: true },
      "/healthz": serverOrigin,
      "/readyz": serverOrigin,
    },
  },
});
