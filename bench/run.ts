import { benchAuth } from "./auth.bench.ts";
import { benchCoaching } from "./coaching.bench.ts";
import { benchMoments } from "./moments.bench.ts";
import { benchRouting } from "./routing.bench.ts";
import { benchSms } from "./sms.bench.ts";
import { benchStaff } from "./staff.bench.ts";

// `npm run bench -- <name>`: runs the named benchmarks, or all of them. Needs DATABASE_URL (a PostgreSQL
// server where it may create scratch databases) and pgbench on the PATH.
const benches: Record<string, () => Promise<void>> = { auth: benchAuth, staff: benchStaff, routing: benchRouting, coaching: benchCoaching, sms: benchSms, moments: benchMoments };

process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";
const names = process.argv.slice(2).filter((name) => !name.startsWith("-"));
const selected = names.length > 0 ? names : Object.keys(benches);
for (const name of selected) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  await bench();
}
