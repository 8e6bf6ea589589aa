import { defineConfig } from "vitest/config";

// `npm test`: unit and API tests on the embedded database (PGlite); the same API tests again on PostgreSQL
// when DATABASE_URL is set; the two-process Redis test when REDIS_URL is set too; browser tests in Chromium.
const onPostgres = Boolean(process.env.DATABASE_URL);
const withRedis = onPostgres && Boolean(process.env.REDIS_URL);

const serverTests = ["server/**/*.test.ts", "common/**/*.test.ts"];
const multiProcessTests = "server/**/*.multi-process.test.ts";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "pglite",
          include: [...serverTests, "web/**/*.test.ts"],
          exclude: [multiProcessTests],
          env: { TEST_DATABASE: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(onPostgres
        ? [
            {
              test: {
                name: "postgres",
                include: serverTests,
                exclude: withRedis ? [] : [multiProcessTests],
                env: { TEST_DATABASE: "postgres" },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: "browser",
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
