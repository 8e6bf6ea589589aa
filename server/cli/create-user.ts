import { parseArgs } from "node:util";
import { roleSchema } from "../../common/domain/roles.ts";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrator.ts";
import { createServices } from "../services.ts";

// Creates a user on the configured database: for scripted set-ups and the browser tests.
// npm run create-user -- --username ada --password '...' --role agent --full-name "Ada Lovelace"
const { values } = parseArgs({
  options: {
    username: { type: "string" },
    password: { type: "string" },
    role: { type: "string", default: "agent" },
    "full-name": { type: "string" },
    email: { type: "string" },
  },
});
if (!values.username || !values.password) {
  console.error("usage: create-user --username NAME --password PASSWORD [--role admin|supervisor|agent] [--full-name NAME] [--email ADDRESS]");
  process.exit(2);
}
const role = roleSchema.safeParse(values.role);
if (!role.success) {
  console.error("role: one of admin, supervisor, agent");
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory, poolSize: 1 });
try {
  await migrateToLatest(database.db);
  const services = createServices({ db: database.db, config });
  const user = await services.users.create({
    username: values.username,
    password: values.password,
    fullName: values["full-name"] ?? values.username,
    email: values.email ?? null,
    role: role.data,
  });
  console.log(`Created ${user.role} ${user.username} (${user.id}).`);
} finally {
  await database.close();
}
